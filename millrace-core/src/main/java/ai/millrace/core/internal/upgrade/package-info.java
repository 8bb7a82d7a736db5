/**
 * Internals of managed upgrades: the three-way classifier and the localize-set parser. Not an API.
 */
package ai.millrace.core.internal.upgrade;
