package org.flinkop.domain.config;

import io.vavr.control.Option;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;

/**
 * Quartz cron expressions, as the periodic snapshot intervals accept them: {@code sec min hour day-of-month month
 * day-of-week [year]}, with {@code *}, {@code ?}, lists, ranges, steps and month and day names. Times are UTC.
 * {@code L}, {@code W} and {@code #} are not supported (parsing fails, and the validator says so).
 */
public final class QuartzCron {

    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final BitSet years;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private QuartzCron(BitSet[] fields, boolean anyDayOfMonth, boolean anyDayOfWeek) {
        this.seconds = fields[0];
        this.minutes = fields[1];
        this.hours = fields[2];
        this.daysOfMonth = fields[3];
        this.months = fields[4];
        this.daysOfWeek = fields[5];
        this.years = fields[6];
        this.anyDayOfMonth = anyDayOfMonth;
        this.anyDayOfWeek = anyDayOfWeek;
    }

    public static Option<QuartzCron> parse(String expression) {
        if (expression == null) {
            return Option.none();
        }
        String[] parts = expression.trim().toUpperCase(Locale.ROOT).split("\\s+");
        if (parts.length != 6 && parts.length != 7) {
            return Option.none();
        }
        int[][] ranges = {{0, 59}, {0, 59}, {0, 23}, {1, 31}, {1, 12}, {1, 7}, {1970, 2199}};
        BitSet[] fields = new BitSet[7];
        for (int i = 0; i < 7; i++) {
            String part = i < parts.length ? parts[i] : "*";
            Option<BitSet> field = field(part, ranges[i][0], ranges[i][1], i == 4 ? MONTHS : i == 5 ? DAYS : null);
            if (field.isEmpty()) {
                return Option.none();
            }
            fields[i] = field.get();
        }
        return Option.of(new QuartzCron(fields, parts[3].equals("*") || parts[3].equals("?"), parts[5].equals("*") || parts[5].equals("?")));
    }

    private static Option<BitSet> field(String text, int min, int max, String[] names) {
        BitSet bits = new BitSet();
        for (String item : text.split(",")) {
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                Option<Integer> parsed = number(item.substring(slash + 1), null, 1);
                if (parsed.isEmpty() || parsed.get() < 1) {
                    return Option.none();
                }
                step = parsed.get();
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] bounds = range.split("-", 2);
                Option<Integer> a = number(bounds[0], names, min);
                Option<Integer> b = number(bounds[1], names, min);
                if (a.isEmpty() || b.isEmpty()) {
                    return Option.none();
                }
                from = a.get();
                to = b.get();
            } else {
                Option<Integer> a = number(range, names, min);
                if (a.isEmpty()) {
                    return Option.none();
                }
                from = a.get();
                to = slash >= 0 ? max : from;
            }
            if (from < min || to > max || from > to) {
                return Option.none();
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return Option.of(bits);
    }

    private static Option<Integer> number(String text, String[] names, int firstName) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(text)) {
                    return Option.of(firstName + i);
                }
            }
        }
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 4) {
            return Option.none();
        }
        return Option.of(Integer.parseInt(text));
    }

    /** The first time strictly after {@code after} that matches, searching at most five years ahead. */
    public Option<Instant> nextAfter(Instant after) {
        LocalDateTime t = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        LocalDateTime limit = t.plusYears(5);
        while (t.isBefore(limit)) {
            if (!years.get(t.getYear())) {
                t = LocalDateTime.of(t.getYear() + 1, 1, 1, 0, 0);
            } else if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).toLocalDate().atStartOfDay().plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.toLocalDate().atStartOfDay().plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            } else if (!seconds.get(t.getSecond())) {
                t = t.plusSeconds(1);
            } else {
                return Option.of(t.toInstant(ZoneOffset.UTC));
            }
        }
        return Option.none();
    }

    /** Quartz: when both day fields are restricted, either matching is enough. */
    private boolean dayMatches(LocalDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        int quartzDay = t.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : t.getDayOfWeek().getValue() + 1;
        boolean dow = daysOfWeek.get(quartzDay);
        if (anyDayOfMonth && anyDayOfWeek) {
            return true;
        }
        if (anyDayOfMonth) {
            return dow;
        }
        if (anyDayOfWeek) {
            return dom;
        }
        return dom || dow;
    }
}
