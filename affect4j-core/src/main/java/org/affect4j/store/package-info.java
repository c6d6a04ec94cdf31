/**
 * The frame-aligned feature store: float32 {@code .npy} matrices per (feature, video), validity masks, JSON
 * descriptors; atomic writes, resumable, readable by numpy as is.
 */
package org.affect4j.store;
