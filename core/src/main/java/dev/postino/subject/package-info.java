/**
 * Subject truncation without James types: a lenient RFC 2047 {@link dev.postino.subject.SubjectDecoder},
 * grapheme-cluster counting and cutting ({@link dev.postino.subject.Graphemes}), an RFC 2047
 * {@link dev.postino.subject.SubjectEncoder} and the policy that ties them together
 * ({@link dev.postino.subject.SubjectTruncator}). The James adapters are
 * {@code dev.postino.matchers.SubjectLongerThan} and {@code dev.postino.mailets.TruncateSubject}.
 */
package dev.postino.subject;
