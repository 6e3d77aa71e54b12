package com.linkwithmentor.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import tools.jackson.databind.JsonNode;

/**
 * What a person does in the web client, in the words of its pages: labels, button names and the
 * few data-testid hooks the pages carry for exactly this. Each step waits for what the person would
 * see before going on.
 */
final class Journeys {

    /**
     * The fleet as ./fleet up runs it, with the settings a test cannot wait for: the payout
     * dispute window (72 h) down to seconds, a 5-minute slot grid so a session can start within
     * minutes of its booking, and the sign-in rate limit (10, then one per 5 s per address) out of
     * the way of several people signing up from one machine; and chat's wait for moderation (300 ms,
     * past which a message goes out pending and is judged on a 30 s recheck) long enough for a
     * moderation-service on a busy two-core machine running two browsers in a call.
     */
    static final Map<String, String> FLEET_SETTINGS = Map.of(
            "LWM_CHAT_MODERATION_TIMEOUT", "3s",
            "LWM_PAYMENT_DISPUTE_WINDOW", "15s",
            "LWM_MEETING_SLOTS_GRID", "5m",
            "LWM_GATEWAY_RATELIMITS_BUCKETS_STRICT_CAPACITY", "200",
            "LWM_GATEWAY_RATELIMITS_BUCKETS_STRICT_PERSECOND", "20");

    static final String PASSWORD = "Correct-horse-42";

    private static final AtomicInteger people = new AtomicInteger();

    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    private static final Pattern VERIFY_LINK = Pattern.compile("https?://\\S+/api/v1/auth/verify-email\\?token=[A-Za-z0-9._~-]+");

    static final LocatorAssertions.HasAttributeOptions LONG = new LocatorAssertions.HasAttributeOptions().setTimeout(45_000);

    private Journeys() {
    }

    record Account(String username, String email, Page page) {
    }

    /** A unique username for this run: "ann-k3x2-1". */
    static String name(String base) {
        return base + "-" + RUN + "-" + people.incrementAndGet();
    }

    static Account signUp(Page page, String base, boolean mentee, boolean mentor) {
        String username = name(base);
        String email = username + "@example.com";
        page.navigate("/signup");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByLabel("learn (mentee)").setChecked(mentee);
        page.getByLabel("teach (mentor)").setChecked(mentor);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up")).click();
        page.waitForURL("**/profile?welcome=1");
        assertThat(page.getByText("Welcome, " + username)).isVisible();
        return new Account(username, email, page);
    }

    static void signIn(Page page, String username) {
        page.navigate("/signin");
        page.getByLabel("Username or email").fill(username);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(url -> !url.contains("/signin"));
    }

    /** Opens the link of the verification email, as the person would from their inbox. */
    static void verifyEmail(Fleet fleet, Account account) {
        String link = await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode mail = fleet.lastMailTo(account.email());
            if (mail == null) {
                return null;
            }
            Matcher found = VERIFY_LINK.matcher(mail.path("body").asString() + " " + mail.toString());
            return found.find() ? found.group() : null;
        }, java.util.Objects::nonNull);
        account.page().navigate(link);
        assertThat(account.page().locator("body")).containsText(Pattern.compile("verified", Pattern.CASE_INSENSITIVE));
        account.page().navigate("/profile");
        // the page may learn it by itself (it reads the account again) before the person says so
        Locator status = account.page().getByTestId("email-status");
        try {
            assertThat(status).hasText("Email verified", new LocatorAssertions.HasTextOptions().setTimeout(3_000));
        }
        catch (AssertionError notYet) {
            account.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("I have verified it")).click();
            assertThat(status).hasText("Email verified");
        }
    }

    /** Clicks a link of the main menu; on a phone the menu opens first. */
    static void menu(Page page, String item) {
        Locator toggle = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Menu"));
        if (toggle.isVisible() && "false".equals(toggle.getAttribute("aria-expanded"))) {
            toggle.click();
        }
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
            .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(item).setExact(true)).click();
    }

    static Locator section(Page page, String heading) {
        return page.locator("section").filter(new Locator.FilterOptions().setHas(
                page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(heading))));
    }

    static void click(Locator scope, String button) {
        scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(button).setExact(true)).click();
    }

    static void click(Page page, String button) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true)).click();
    }

    /** Both profiles, a display name, and a UPI id, from the profile page. */
    static void fillProfile(Account account, String displayName, boolean mentor, boolean mentee, String upi) {
        Page page = account.page();
        Locator about = section(page, "About you");
        about.getByLabel("Display name").fill(displayName);
        about.getByLabel("Bio").fill("Learning and teaching on LinkWithMentor.");
        click(about, "Save");
        assertThat(about.getByRole(AriaRole.STATUS)).hasText("Saved");
        if (mentor) {
            Locator asMentor = section(page, "As a mentor");
            asMentor.getByLabel("Headline").fill("Backend engineer who likes teaching");
            asMentor.getByLabel("Specializations").fill("Kotlin, System design, " + displayName.replace(' ', '-'));
            asMentor.getByLabel("Hourly rate").fill("1000");
            asMentor.getByLabel("Years of experience").fill("7");
            click(asMentor, "Save mentor profile");
            assertThat(asMentor.getByRole(AriaRole.STATUS)).hasText("Saved");
        }
        if (mentee) {
            Locator asMentee = section(page, "As a mentee");
            asMentee.getByLabel("Learning goals").fill("System design, Interviews");
            asMentee.getByLabel("Interests").fill("Distributed systems");
            asMentee.getByLabel("Experience level").selectOption("intermediate");
            click(asMentee, "Save mentee profile");
            assertThat(asMentee.getByRole(AriaRole.STATUS)).hasText("Saved");
        }
        Locator methods = section(page, "Payment methods");
        methods.getByLabel("UPI id").fill(upi);
        click(methods, "Add UPI id");
        assertThat(methods.getByTestId("payment-methods")).containsText(upi);
    }

    /** Every day, all day, bookable at no notice: so the test's session can start minutes from now. */
    static void publishAvailability(Page page) {
        menu(page, "Availability");
        Locator remove = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Remove window")));
        while (remove.count() > 0) {
            remove.first().click();
        }
        String[] days = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
        for (int i = 0; i < days.length; i++) {
            click(page, "Add hours");
            page.getByLabel("Day").nth(i).selectOption(days[i]);
            page.getByLabel("From").nth(i).fill("00:00");
            page.getByLabel("To").nth(i).fill("23:55");
        }
        page.getByLabel("Minimum notice (minutes)").fill("0");
        click(page, "Publish availability");
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Published");
    }

    /** The frame of the call page, inside the app's call view. */
    static FrameLocator callFrame(Page page) {
        return page.frameLocator("[data-testid=call-frame]");
    }

    /** Bytes of video this page's call has received from the other person. */
    static long inboundVideo(Page page) {
        com.microsoft.playwright.Frame frame = page.frames().stream().filter(f -> f.url().contains("/call/index.html"))
            .findFirst().orElse(null);
        if (frame == null) {
            return 0;
        }
        Object stats = frame.evaluate("async () => window.lwmCall ? JSON.stringify(await window.lwmCall.stats()) : '{}'");
        JsonNode peers = tools.jackson.databind.json.JsonMapper.builder().build().readTree((String) stats);
        long bytes = 0;
        for (JsonNode peer : peers) {
            bytes += peer.path("inbound").path("video").asLong();
        }
        return bytes;
    }

    static void assertMoneyShown(Locator locator, String amount) {
        assertThat(locator).containsText(amount, new LocatorAssertions.ContainsTextOptions().setTimeout(45_000));
        assertThat(locator.textContent()).contains(amount);
    }
}
