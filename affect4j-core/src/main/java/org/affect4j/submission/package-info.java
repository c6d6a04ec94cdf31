/**
 * ABAW EXPR challenge submissions: {@link org.affect4j.submission.SubmissionWriter} writes one file per video with a
 * label for every frame (including frames without a face); {@link org.affect4j.submission.SubmissionValidator}
 * checks a submission against the {@link org.affect4j.submission.ExpectedVideos expected videos and frame counts}
 * and lists every problem it finds.
 */
package org.affect4j.submission;
