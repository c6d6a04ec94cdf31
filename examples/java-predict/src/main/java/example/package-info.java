/** A stand-alone program using affect4j as a library: {@link example.PredictClip} prints a clip's expression track. */
package example;
