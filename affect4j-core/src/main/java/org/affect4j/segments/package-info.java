/** Cutting a video's frame sequence into fixed-length segments and mapping segment outputs back to frames. */
package org.affect4j.segments;
