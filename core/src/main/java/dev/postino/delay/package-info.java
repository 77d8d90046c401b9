/**
 * The intra-company delay rules in plain Java: the working calendar ({@link
 * dev.postino.delay.WorkingCalendar}), the recipient counting ({@link
 * dev.postino.delay.RecipientCounter}), the delay computation ({@link
 * dev.postino.delay.DelayPolicy}) and the reprimand letter ({@link
 * dev.postino.delay.ReprimandTemplate}).
 *
 * <p>Computing <em>when</em> a message is due and <em>holding</em> it until then are separate
 * pieces: the policy returns a {@link dev.postino.delay.DelayDecision}, and a {@link
 * dev.postino.delay.DeliveryHold} carries it out (James's mail queue today; a hold that works
 * on a RabbitMQ queue, which ignores enqueue delays, can be added without touching the rules).
 */
package dev.postino.delay;
