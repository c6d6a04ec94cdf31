package org.affect4j.faces;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses one person's track at the end of a video. Tracks cut by a miss longer than the tracker's gap are first
 * re-joined into persons: taking tracks by decreasing weight, a track joins a person when it does not overlap that
 * person in time and, at each end, starts where the person's nearest detection in time was (centre within
 * {@code maxJoinShift} box sides, size within a factor 2). Then {@link TrackSelection#MAIN} takes the person of
 * largest weight; {@link TrackSelection#LEFT}/{@link TrackSelection#RIGHT} the left- or right-most person by
 * weighted mean box centre, among persons weighing at least {@code minWeightFraction} of the heaviest (so a
 * background face glimpsed for a few frames is not taken for the second person). Stateless, thread-safe.
 */
public final class TrackSelector {
    /** Default share of the heaviest person's weight a person needs to be a left/right candidate. */
    public static final double DEFAULT_MIN_WEIGHT_FRACTION = 0.2;
    /** Default maximum centre shift, in box sides, to re-join two tracks of one person. */
    public static final double DEFAULT_MAX_JOIN_SHIFT = 1.0;

    private final double minWeightFraction;
    private final double maxJoinShift;

    public TrackSelector() {
        this(DEFAULT_MIN_WEIGHT_FRACTION, DEFAULT_MAX_JOIN_SHIFT);
    }

    public TrackSelector(double minWeightFraction, double maxJoinShift) {
        if (!(minWeightFraction >= 0 && minWeightFraction <= 1) || !(maxJoinShift >= 0)) {
            throw new IllegalArgumentException("bad selector settings: minWeightFraction " + minWeightFraction
                    + " [0..1], maxJoinShift " + maxJoinShift + " (>= 0)");
        }
        this.minWeightFraction = minWeightFraction;
        this.maxJoinShift = maxJoinShift;
    }

    /**
     * The chosen person's face per frame.
     *
     * @param tracks     all tracks of the video ({@link FaceTracker#tracks()})
     * @param frameCount frames in the video; detections at or past it are ignored
     */
    public PersonTrack select(List<FaceTrack> tracks, TrackSelection selection, int frameCount) {
        List<Person> persons = join(tracks);
        if (persons.isEmpty()) return PersonTrack.empty(frameCount);
        Person heaviest = persons.stream().max(Comparator.comparingDouble(p -> p.weight)).orElseThrow();
        Person chosen = heaviest;
        if (selection != TrackSelection.MAIN) {
            Comparator<Person> byX = Comparator.comparingDouble(Person::meanCenterX);
            List<Person> candidates = persons.stream()
                    .filter(p -> p.weight >= minWeightFraction * heaviest.weight).toList();
            chosen = selection == TrackSelection.LEFT
                    ? candidates.stream().min(byX).orElseThrow() : candidates.stream().max(byX).orElseThrow();
        }
        Face[] faces = new Face[frameCount];
        int[] ids = new int[frameCount];
        Arrays.fill(ids, -1);
        for (FaceTrack t : chosen.tracks) {
            for (int i = 0; i < t.size(); i++) {
                if (t.frame(i) < frameCount) {
                    faces[t.frame(i)] = t.face(i);
                    ids[t.frame(i)] = t.id();
                }
            }
        }
        return new PersonTrack(faces, ids, null);
    }

    /** Groups tracks into persons (see the class comment). */
    List<Person> join(List<FaceTrack> tracks) {
        List<FaceTrack> order = new ArrayList<>(tracks);
        order.removeIf(t -> t.size() == 0);
        order.sort(Comparator.comparingDouble(FaceTrack::weight).reversed());
        List<Person> persons = new ArrayList<>();
        for (FaceTrack t : order) {
            Person home = null;
            for (Person p : persons) {
                if (p.accepts(t, maxJoinShift)) {
                    home = p;
                    break;
                }
            }
            if (home == null) {
                home = new Person();
                persons.add(home);
            }
            home.add(t);
        }
        return persons;
    }

    /** One person: tracks that never overlap in time. */
    static final class Person {
        final List<FaceTrack> tracks = new ArrayList<>();
        double weight;
        double weightedX;

        void add(FaceTrack t) {
            tracks.add(t);
            weight += t.weight();
            weightedX += t.meanCenterX() * t.weight();
        }

        double meanCenterX() {
            return weight > 0 ? weightedX / weight : Double.NaN;
        }

        boolean accepts(FaceTrack t, double maxShift) {
            BoundingBox before = null, after = null;
            int beforeFrame = Integer.MIN_VALUE, afterFrame = Integer.MAX_VALUE;
            for (FaceTrack o : tracks) {
                if (o.lastFrame() >= t.firstFrame() && o.firstFrame() <= t.lastFrame()) return false;
                if (o.lastFrame() < t.firstFrame() && o.lastFrame() > beforeFrame) {
                    beforeFrame = o.lastFrame();
                    before = o.box(o.size() - 1);
                }
                if (o.firstFrame() > t.lastFrame() && o.firstFrame() < afterFrame) {
                    afterFrame = o.firstFrame();
                    after = o.box(0);
                }
            }
            return (before == null || close(before, t.box(0), maxShift))
                    && (after == null || close(after, t.box(t.size() - 1), maxShift));
        }

        private static boolean close(BoundingBox a, BoundingBox b, double maxShift) {
            double sa = Math.sqrt(a.area()), sb = Math.sqrt(b.area());
            if (sa <= 0 || sb <= 0 || sa / sb > 2 || sb / sa > 2) return false;
            return a.center().distance(b.center()) <= maxShift * Math.max(sa, sb);
        }
    }
}
