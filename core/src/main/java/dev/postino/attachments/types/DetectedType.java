package dev.postino.attachments.types;

/** The result of content detection: our kind plus the MIME type name for messages. */
public record DetectedType(ContentKind kind, String mediaType, String description) {
}
