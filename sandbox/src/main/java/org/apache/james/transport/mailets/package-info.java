/**
 * Sandbox stand-ins for James's server mailets, which are not published on Maven Central at
 * 3.9.0 ({@code james-server-mailets}). They carry the real class names so that James's own
 * default {@code mailetcontainer.xml} loads unchanged in the sandbox; instead of touching
 * mailboxes or the network they record what they would have done in the sandbox's
 * {@code DeliveryRecorder}, or store into the real memory mail repositories. They exist only in
 * the sandbox module, never in the drop-in jar, and Postino's classes never depend on them.
 */
package org.apache.james.transport.mailets;
