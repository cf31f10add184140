package io.videoseq.training.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Which members of an {@code n}-member ensemble a run trains: a shard, so that members can train on different
 * machines at once. Member numbers are 1-based as in the file names ({@code {prefix}_model_{k}}); member {@code k}
 * always gets the seed a full run gives it ({@code seed + k - 1}), whichever shard trains it.
 *
 * @param size    the ensemble's member count {@code n}
 * @param members the selected member numbers, ascending, each in {@code [1, n]}, at least one
 */
public record MemberSelection(int size, List<Integer> members) {

    public MemberSelection {
        members = List.copyOf(new TreeSet<>(members));
        if (size < 1) {
            throw new IllegalArgumentException("expected an ensemble of at least 1 member, found " + size);
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("expected at least one member, found none");
        }
        if (members.get(0) < 1 || members.get(members.size() - 1) > size) {
            throw new IllegalArgumentException("expected member numbers in [1, " + size + "], found "
                    + (members.get(0) < 1 ? members.get(0) : members.get(members.size() - 1)));
        }
    }

    /** Every member: a full run. */
    public static MemberSelection all(int size) {
        List<Integer> all = new ArrayList<>();
        for (int k = 1; k <= size; k++) {
            all.add(k);
        }
        return new MemberSelection(size, all);
    }

    /**
     * The command-line form: member numbers and ranges separated by commas, e.g. {@code 3}, {@code 1,3},
     * {@code 2-4}, {@code 1,3-4}.
     *
     * @throws IllegalArgumentException saying what was expected and what was found
     */
    public static MemberSelection parse(String spec, int size) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("expected member numbers such as 3, 1,3 or 2-4, found nothing");
        }
        List<Integer> members = new ArrayList<>();
        for (String part : spec.split(",", -1)) {
            String p = part.strip();
            int dash = p.indexOf('-', 1);
            if (dash < 0) {
                members.add(number(p, spec));
                continue;
            }
            int from = number(p.substring(0, dash), spec);
            int to = number(p.substring(dash + 1), spec);
            if (from > to) {
                throw new IllegalArgumentException("expected a range FROM-TO with FROM <= TO, found " + p);
            }
            // Checked before expanding so that 1-2000000000 is an error, not a huge list.
            if (to > size) {
                throw new IllegalArgumentException("expected member numbers in [1, " + size + "], found " + to);
            }
            for (int k = from; k <= to; k++) {
                members.add(k);
            }
        }
        return new MemberSelection(size, members);
    }

    private static int number(String s, String spec) {
        String t = s.strip();
        if (!t.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("expected member numbers such as 3, 1,3 or 2-4, found '" + spec
                    + "'");
        }
        return Integer.parseInt(t);
    }

    /** Whether this selects every member. */
    public boolean isAll() {
        return members.size() == size;
    }

    /** 0-based indices, as {@link EnsembleTrainer#memberName(String, int)} takes them. */
    public List<Integer> indices() {
        return members.stream().map(k -> k - 1).toList();
    }

    /** {@code 1, 3, 4 of 4}. */
    @Override
    public String toString() {
        return String.join(", ", members.stream().map(String::valueOf).toList()) + " of " + size;
    }
}
