/**
 * The files {@code affect4j predict} writes for one input, rendered from an
 * {@link org.affect4j.predict.ExpressionTrack}:
 * <ul>
 *   <li>{@link org.affect4j.predict.report.FramesCsv frames.csv}: one row per frame (time, face, speech, the 8 class
 *       probabilities, label);</li>
 *   <li>{@code <name>.txt}: the ABAW EXPR submission file, written by the core
 *       {@link org.affect4j.submission.SubmissionWriter};</li>
 *   <li>{@link org.affect4j.predict.report.TimelinePlot timeline.png}: class probabilities over time with the label
 *       strip and the spans without a face;</li>
 *   <li>{@link org.affect4j.predict.report.HtmlReport report.html}: one self-contained page.</li>
 * </ul>
 * {@link org.affect4j.predict.report.ReportFiles#writeAll ReportFiles.writeAll} writes all four as a whole.
 * The classes share one colour per class ({@code ClassColors}) so the plot, the strip and the HTML bars agree.
 */
package org.affect4j.predict.report;
