/**
 * Postino's policy logic, in plain Java with no James types: one package per domain concept
 * ({@code receipts}, {@code subject}, {@code attachments}, {@code delay}). The James adapters
 * live in the {@code matchers} and {@code mailets} modules.
 */
package dev.postino;
