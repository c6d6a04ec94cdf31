/**
 * Small shared utilities that know nothing of affect4j's data: atomic file writes, locations of models and data,
 * SHA-256, growable arrays, the seeded shuffle, build information, the strict configuration reader and the plug-in registry.
 */
package org.affect4j.util;
