package nscope.app.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A moment of a recording as a user writes it: the recording host's local
 * wall clock HH:MM:SS[.fff] (on the date of the first entry, or the day
 * after when that time of day is before the first entry: the entry after a
 * midnight), an ISO date-time (with an offset or Z, or else the recording
 * host's local time), or +SECONDS after the first entry.
 */
public final class ReplayTime {
    private ReplayTime() {}

    /** The instant {@code text} means in the recording whose first entry is {@code first}; empty if it means none. */
    public static Optional<Instant> parse(String text, Frame first) {
        String t = text.trim();
        ZoneOffset zone = ZoneOffset.ofTotalSeconds(first.utcOffsetSeconds());
        try {
            if (t.startsWith("+")) {
                double s = Double.parseDouble(t.substring(1));
                if (!(s >= 0) || Double.isInfinite(s)) return Optional.empty();
                return Optional.of(first.wall().plusNanos(Math.round(s * 1e9)));
            }
            if (t.matches("\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?")) {
                LocalDateTime start = LocalDateTime.ofInstant(first.wall(), zone);
                LocalTime time = LocalTime.parse(t.length() == 4 || t.length() == 7 ? "0" + t : t);
                LocalDateTime at = LocalDateTime.of(start.toLocalDate(), time);
                if (at.isBefore(start.withNano(0))) at = at.plusDays(1);
                return Optional.of(at.toInstant(zone));
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d{2}:\\d{2}$"))
                return Optional.of(OffsetDateTime.parse(t).toInstant());
            if (t.contains("T")) return Optional.of(LocalDateTime.parse(t).toInstant(zone));
            return Optional.of(LocalDate.parse(t).atStartOfDay().toInstant(zone));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
