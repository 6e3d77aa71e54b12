package com.linkwithmentor.meeting.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.meeting.session.SessionAccess.CalendarEntry;
import com.linkwithmentor.meeting.session.SessionStatus;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;

/** The feed is valid iCalendar: ical4j reads back what it wrote, with stable UIDs, sequences and statuses. */
class IcsWriterTests {

    @Test
    void sessionsBecomeEventsThatParseBack() throws Exception {
        UUID scheduled = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        Instant start = Instant.parse("2027-03-02T23:00:00Z");
        List<CalendarEntry> entries = List.of(
                new CalendarEntry(scheduled, UUID.randomUUID(), UUID.randomUUID(), "Career chat; résumé, part 1",
                        "Bring your CV\nand questions", start, start.plusSeconds(3600), SessionStatus.SCHEDULED, 2,
                        start.minusSeconds(86_400), start.minusSeconds(3600)),
                new CalendarEntry(cancelled, UUID.randomUUID(), UUID.randomUUID(), "Mock interview", null, start.plusSeconds(86_400),
                        start.plusSeconds(90_000), SessionStatus.CANCELLED, 1, start.minusSeconds(86_400), start));
        String ics = IcsWriter.write("LinkWithMentor sessions", entries);
        assertThat(ics).startsWith("BEGIN:VCALENDAR").contains("PRODID:" + IcsWriter.PRODUCT, "DTSTART:20270302T230000Z");

        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(2);
        VEvent first = events.get(0);
        assertThat(first.<net.fortuna.ical4j.model.Property>getProperty("UID").orElseThrow().getValue()).isEqualTo(scheduled + "@linkwithmentor");
        assertThat(first.getSummary().getValue()).isEqualTo("Career chat; résumé, part 1");
        assertThat(first.getDescription().getValue()).isEqualTo("Bring your CV\nand questions");
        assertThat(first.getSequence().getSequenceNo()).isEqualTo(2);
        assertThat(first.getStatus().getValue()).isEqualTo("CONFIRMED");
        assertThat(events.get(1).getStatus().getValue()).isEqualTo("CANCELLED");
        assertThat(IcsWriter.write("LinkWithMentor sessions", entries)).isEqualTo(ics);
    }
}
