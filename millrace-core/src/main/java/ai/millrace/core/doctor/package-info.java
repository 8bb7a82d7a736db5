/**
 * {@code millrace doctor}: read-only health checks of a workspace (spec 02 section 7.3 plus this
 * port's own durable state), asset lint (spec 01 section 5.6), and an explicit repair mode.
 */
package ai.millrace.core.doctor;
