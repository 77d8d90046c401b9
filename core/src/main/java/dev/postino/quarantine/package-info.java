/**
 * Attachment quarantine, without James types: quarantine ids, the safe rendering of attacker-chosen
 * file names, the notice texts (Italian and English) and the byte-preserving removal of MIME parts.
 * The James adapter is {@code dev.postino.mailets.QuarantineAttachments}.
 */
package dev.postino.quarantine;
