/**
 * A message's parts as mail programs read them: {@link dev.postino.attachments.parts.MimeReader} reads
 * the MIME structure once, streaming, and reports where Mime4j, Jakarta Mail and Thunderbird would split
 * or decode it differently; {@link dev.postino.attachments.parts.MimeWalker} hands over every leaf with
 * its section number and each decoding of its body (base64, quoted-printable, and the uuencode and yEnc
 * blocks found in text); {@link dev.postino.attachments.parts.TnefReader} opens a {@code winmail.dat}.
 * See {@code docs/mime-differentials.md}. Header-value syntax shared by every feature (RFC 2231) is in
 * {@code dev.postino.mime}.
 */
package dev.postino.attachments.parts;
