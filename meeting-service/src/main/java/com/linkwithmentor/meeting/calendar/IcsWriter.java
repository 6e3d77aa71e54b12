package com.linkwithmentor.meeting.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import com.linkwithmentor.meeting.session.SessionAccess.CalendarEntry;
import com.linkwithmentor.meeting.session.SessionStatus;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Sessions as an iCalendar document (RFC 5545). A session keeps its UID for life
 * ({@code <session_id>@linkwithmentor}); its SEQUENCE rises with every reschedule or cancellation,
 * so calendar apps replace their copy; times are UTC; DTSTAMP is the session's last change, so an
 * unchanged feed is byte-for-byte the same.
 */
final class IcsWriter {

    static final String PRODUCT = "-//LinkWithMentor//meeting-service//EN";

    private IcsWriter() {
    }

    static String write(String name, List<CalendarEntry> entries) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.PUBLISH);
        calendar.add(new XProperty("X-WR-CALNAME", name));
        for (CalendarEntry entry : entries) {
            calendar.add(event(entry));
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    static String uid(CalendarEntry entry) {
        return entry.sessionId() + "@linkwithmentor";
    }

    private static VEvent event(CalendarEntry entry) {
        VEvent event = new VEvent(false);
        event.add(new Uid(uid(entry)));
        event.add(new DtStamp(entry.updatedAt()));
        event.add(new DtStart<>(entry.start()));
        event.add(new DtEnd<>(entry.end()));
        event.add(new Summary(entry.title()));
        if (entry.description() != null) {
            event.add(new Description(entry.description()));
        }
        event.add(new Sequence(entry.sequence()));
        event.add(status(entry.status()));
        event.add(new Created(entry.createdAt()));
        event.add(new LastModified(entry.updatedAt()));
        return event;
    }

    private static Status status(SessionStatus status) {
        return switch (status) {
            case PROPOSED, PENDING_PAYMENT -> ImmutableStatus.VEVENT_TENTATIVE;
            case SCHEDULED, IN_PROGRESS, COMPLETED -> ImmutableStatus.VEVENT_CONFIRMED;
            default -> ImmutableStatus.VEVENT_CANCELLED;
        };
    }
}
