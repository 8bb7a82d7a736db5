/**
 * Managed upgrades ({@code millrace upgrade}): three-way classification of the managed asset
 * files (baseline manifest, workspace file, packaged file) and an all-or-nothing apply.
 */
package ai.millrace.core.upgrade;
