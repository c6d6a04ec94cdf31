/** Small shared utilities: atomic file writes, locations of models and data, growable arrays. */
package org.affect4j.util;
