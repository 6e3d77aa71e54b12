package com.linkwithmentor.e2e;

import static com.linkwithmentor.e2e.Journeys.click;
import static com.linkwithmentor.e2e.Journeys.menu;
import static com.linkwithmentor.e2e.Journeys.section;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

/**
 * The seed's journeys, in Debian's Chromium through the gateway of a whole fleet started from the
 * built jars. They build on each other as people would: the mentor and mentee of the booking then
 * chat, meet on the call, and meet moderation, the mentor at a desktop and the mentee on a phone
 * (journey 1 runs at both sizes). Screenshots of every open page land in
 * {@code target/journey-screenshots/} when one fails; the fleet's logs are in {@code target/fleet/logs}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JourneyTests {

    /** The message box, not the "Messages" list beside it. */
    private static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    static Fleet fleet;

    static Journeys.Account mentor;

    static Journeys.Account mentee;

    static String sessionUrl;

    static String conversationUrl;

    @BeforeAll
    static void fleet() {
        assumeTrue(Browsers.chromiumInstalled(),
                "Chromium is not installed (apt-get install chromium): the web client's browser journeys are SKIPPED");
        fleet = Fleet.get();
    }

    @AfterAll
    static void close() {
        browsers.close();
    }

    /** Journey 1, and 6 for it: the same at a phone's size, through the collapsed menu. */
    @Order(1)
    @ParameterizedTest
    @EnumSource(Browsers.Screen.class)
    void aNewcomerSignsUpVerifiesTheirEmailFillsBothProfilesAndAddsAUpiId(Browsers.Screen screen) {
        Page page = browsers.openForThisTest("newcomer-" + screen, screen).page();
        page.navigate("/");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText("Learn from someone");

        // a refusal reads as the server's message, and nothing is created
        page.navigate("/signup");
        page.getByLabel("Username").fill("x");
        page.getByLabel("Email").fill("not-an-email");
        page.getByLabel("Password").fill("short");
        click(page, "Sign up");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("must");

        Journeys.Account newcomer = Journeys.signUp(page, "newcomer", true, true);
        assertThat(page.getByTestId("email-status")).containsText("not verified");
        Journeys.verifyEmail(fleet, newcomer);
        Journeys.fillProfile(newcomer, "New Comer " + screen, true, true, "newcomer" + screen.ordinal() + "@okaxis");

        // after a reload everything is still there: it was saved, not only shown
        page.reload();
        assertThat(section(page, "As a mentor").getByLabel("Hourly rate")).hasValue("1000.00");
        assertThat(section(page, "As a mentee").getByLabel("Experience level")).hasValue("intermediate");

        // the active role, switched in one click, changes the menu
        String before = page.getByTestId("active-role").textContent();
        String other = before.equals("Mentee") ? "Mentor" : "Mentee";
        Locator toggle = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Menu"));
        if (screen.mobile) {
            toggle.click();
        }
        click(page, "Switch to " + other);
        assertThat(page.getByTestId("active-role")).hasText(other);
        menu(page, other.equals("Mentor") ? "Earnings" : "Find a mentor");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
            .setName(other.equals("Mentor") ? "Earnings and payouts" : "Find a mentor"))).isVisible();
    }

    /** Journey 2. */
    @Order(2)
    @Test
    void aMentorPublishesAvailabilityAMenteeFindsBooksAndPaysAndBothSeeTheSessionScheduled() {
        Page mentorPage = browsers.open("mentor", Browsers.Screen.DESKTOP).page();
        mentor = Journeys.signUp(mentorPage, "mentor", false, true);
        String display = "Mentor " + mentor.username().replaceAll("[^a-z0-9]", "");
        Journeys.fillProfile(mentor, display, true, false, "mentor@okicici");
        Journeys.publishAvailability(mentorPage);

        Page menteePage = browsers.open("mentee", Browsers.Screen.PHONE).page();
        mentee = Journeys.signUp(menteePage, "mentee", true, false);
        menu(menteePage, "Find a mentor");
        menteePage.getByLabel("Search").fill(display.split(" ")[1]);
        Locator result = menteePage.getByTestId("mentor-results").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(display));
        result.click();
        assertThat(menteePage.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(display).setLevel(1))).isVisible();
        assertThat(menteePage.getByText("Times in your time zone")).isVisible();
        menteePage.getByTestId("slots").getByRole(AriaRole.BUTTON).first().click();
        menteePage.getByLabel("What do you want to work on?").fill("System design interview practice");
        click(menteePage, "Book and pay");
        menteePage.waitForURL(Pattern.compile(".*/sessions/[0-9a-f-]{36}$"));
        sessionUrl = menteePage.url().replace(Fleet.GATEWAY, "");
        assertThat(menteePage.getByTestId("session-status")).hasAttribute("data-status", "pending_payment");

        click(menteePage, "Continue to payment");
        assertThat(menteePage.getByAltText(Pattern.compile("UPI QR code"))).isVisible();
        String reference = menteePage.getByTestId("gateway-ref").textContent().strip();
        assertThat(reference).isNotBlank();

        // the mentee's UPI app: the sandbox's pay page for that payment
        Page upiApp = menteePage.context().newPage();
        upiApp.navigate(fleet.sandboxUrl() + "/pay/" + reference);
        assertThat(upiApp.locator("body")).containsText("1000.00");
        Locator pay = upiApp.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay").setExact(true));
        pay.click();
        assertThat(pay).hasCount(0); // settled: the page no longer offers to pay
        upiApp.close();

        // the page follows the payment by itself
        assertThat(menteePage.getByTestId("session-status")).hasAttribute("data-status", "scheduled", Journeys.LONG);
        // cancelling shows the refund first (the slot starts within the hour: the policy gives nothing), and can be left
        click(menteePage, "Cancel session");
        assertThat(menteePage.getByTestId("refund-quote")).containsText("gives you 0 % back");
        assertThat(menteePage.getByTestId("refund-quote")).containsText("50 % with 2 h notice or more");
        click(menteePage, "Keep the session");
        assertThat(menteePage.getByTestId("refund-quote")).hasCount(0);
        assertThat(menteePage.getByTestId("session-status")).hasAttribute("data-status", "scheduled");

        menu(mentorPage, "Sessions");
        Locator row = mentorPage.getByTestId("sessions").getByRole(AriaRole.ROW,
                new Locator.GetByRoleOptions().setName(Pattern.compile("System design interview practice")));
        assertThat(row).containsText("Scheduled");
        menu(mentorPage, "Dashboard");
        // held in escrow until the session is done; after it the mentor's share, the amount less the fee
        Journeys.assertMoneyShown(mentorPage.getByTestId("in-escrow"), "1,000.00");
    }

    /** Journey 3. */
    @Order(3)
    @Test
    void bothChatLiveWithTypingAndReadReceiptsAndOneWhoWasAwayCatchesUp() {
        Page menteePage = mentee.page();
        menteePage.navigate(sessionUrl);
        click(menteePage, "Message your mentor");
        menteePage.waitForURL(Pattern.compile(".*/chat/[0-9a-f-]{36}$"));
        conversationUrl = menteePage.url().replace(Fleet.GATEWAY, "");
        Page mentorPage = mentor.page();
        mentorPage.navigate(conversationUrl);
        for (Page page : List.of(menteePage, mentorPage)) {
            assertThat(page.getByTestId("chat-state")).hasText("connected");
        }

        menteePage.getByLabel("Message", EXACT).fill("Hello! Looking forward to our session.");
        menteePage.getByLabel("Message", EXACT).press("Enter");
        assertThat(mentorPage.getByTestId("messages")).containsText("Looking forward to our session");

        mentorPage.getByLabel("Message", EXACT).pressSequentially("Me t", new Locator.PressSequentiallyOptions().setDelay(50));
        assertThat(menteePage.getByText(Pattern.compile("is typing"))).isVisible();
        mentorPage.getByLabel("Message", EXACT).fill("Me too. Bring your questions.");
        mentorPage.getByLabel("Message", EXACT).press("Enter");
        assertThat(menteePage.getByTestId("messages")).containsText("Bring your questions");
        // the mentor had the conversation open: the mentee's message shows as read
        assertThat(menteePage.getByTestId("messages").locator("li.mine").first()).containsText("read");

        // the mentee closes the app; the mentor writes twice; the mentee comes back to both, in order, once each
        menteePage.navigate("about:blank");
        for (String text : List.of("First, while you were away.", "Second, while you were away.")) {
            mentorPage.getByLabel("Message", EXACT).fill(text);
            mentorPage.getByLabel("Message", EXACT).press("Enter");
            Locator sent = mentorPage.getByTestId("messages").locator("li.mine").last();
            assertThat(sent).containsText(text);
            assertThat(sent).not().containsText("sending…"); // stored (it has its place in the conversation)
        }
        menteePage.navigate(conversationUrl);
        Locator messages = menteePage.getByTestId("messages").locator("li");
        assertThat(messages.filter(new Locator.FilterOptions().setHasText("while you were away"))).hasCount(2);
        assertThat(messages.last()).containsText("Second, while you were away.");
        List<String> texts = messages.allTextContents();
        assertThat(texts.stream().filter(t -> t.contains("while you were away")).toList()).hasSize(2);
        assertThat(texts.indexOf(texts.stream().filter(t -> t.contains("First")).findFirst().orElseThrow()))
            .isLessThan(texts.indexOf(texts.stream().filter(t -> t.contains("Second")).findFirst().orElseThrow()));

        // offline in the middle of a conversation: the socket comes back by itself and catches up
        menteePage.context().setOffline(true);
        mentorPage.getByLabel("Message", EXACT).fill("Are you still there?");
        mentorPage.getByLabel("Message", EXACT).press("Enter");
        menteePage.context().setOffline(false);
        assertThat(menteePage.getByTestId("messages")).containsText("Are you still there?",
                new LocatorAssertions.ContainsTextOptions().setTimeout(45_000));
    }

    /** Journey 4. */
    @Order(4)
    @Test
    void bothJoinTheCallSeeEachOthersVideoAndWhiteboardAndTheMentorsPayoutArrivesAfterCompletion() {
        Page mentorPage = mentor.page();
        Page menteePage = mentee.page();
        for (Page page : List.of(mentorPage, menteePage)) {
            page.navigate(sessionUrl + "/call?loopback=1");
            assertThat(Journeys.callFrame(page).locator("#status")).not().hasText("starting",
                    new LocatorAssertions.HasTextOptions().setTimeout(45_000));
            assertThat(page.getByTestId("whiteboard-state")).hasText("live");
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .until(() -> Journeys.inboundVideo(mentorPage) > 1000 && Journeys.inboundVideo(menteePage) > 1000);

        // the mentor shares their screen (a renegotiation mid-call); the mentee sees it, then not
        Journeys.callFrame(mentorPage).getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Share screen")).click();
        Locator screen = Journeys.callFrame(menteePage).locator("figure[data-purpose=screen]");
        assertThat(screen).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(45_000));
        Journeys.callFrame(mentorPage).getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Stop sharing")).click();
        assertThat(screen).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(45_000));

        Locator board = mentorPage.getByTestId("whiteboard");
        var box = board.boundingBox();
        mentorPage.mouse().move(box.x + 40, box.y + 40);
        mentorPage.mouse().down();
        for (int i = 1; i <= 10; i++) {
            mentorPage.mouse().move(box.x + 40 + i * 15, box.y + 40 + i * 8);
        }
        mentorPage.mouse().up();
        assertThat(menteePage.getByTestId("whiteboard")).hasAttribute("data-elements", "1", Journeys.LONG);

        mentorPage.navigate(sessionUrl);
        assertThat(mentorPage.getByTestId("session-status")).hasAttribute("data-status", "in_progress", Journeys.LONG);
        click(mentorPage, "Mark completed");
        assertThat(mentorPage.getByTestId("session-status")).hasAttribute("data-status", "completed", Journeys.LONG);
        menu(mentorPage, "Earnings");
        // 1,000.00 less the 10 % fee, pending for the dispute window, then available and paid out
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            mentorPage.reload();
            return mentorPage.getByTestId("available").textContent().contains("900.00");
        });
        click(mentorPage, "Pay out what is available");
        Journeys.assertMoneyShown(mentorPage.getByTestId("in-payout").or(mentorPage.getByTestId("paid-out")).filter(
                new Locator.FilterOptions().setHasText("900.00")).first(), "900.00");
    }

    /** Journey 5. */
    @Order(5)
    @Test
    void anAbusiveMessageIsBlockedAReportReachesTheAdminWhoseDecisionReachesTheUserWhoAppeals() {
        Page menteePage = mentee.page();
        Page mentorPage = mentor.page();
        menteePage.navigate(conversationUrl);
        mentorPage.navigate(conversationUrl);
        menteePage.getByLabel("Message", EXACT).fill("i will kill you");
        menteePage.getByLabel("Message", EXACT).press("Enter");
        Locator blocked = menteePage.getByTestId("messages").locator("li[data-moderation=blocked]");
        assertThat(blocked).containsText("Not delivered", new LocatorAssertions.ContainsTextOptions().setTimeout(45_000));
        menteePage.getByLabel("Message", EXACT).fill("Honestly, your advice was useless today.");
        menteePage.getByLabel("Message", EXACT).press("Enter");
        assertThat(mentorPage.getByTestId("messages")).containsText("your advice was useless");
        assertThat(mentorPage.getByTestId("messages")).not().containsText("kill");

        Locator rude = mentorPage.getByTestId("messages").locator("li").filter(new Locator.FilterOptions().setHasText("useless"));
        rude.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Report")).click();
        mentorPage.getByLabel("Why are you reporting it?").selectOption("harassment");
        mentorPage.getByLabel("Details (optional)").fill("Rude after the session");
        click(mentorPage, "Send report");
        assertThat(mentorPage.getByText("Reported. Thank you.")).isVisible();

        // an admin: an account an operator granted the role (there is no endpoint for that, by design)
        Page adminPage = browsers.open("admin", Browsers.Screen.DESKTOP).page();
        Journeys.Account admin = Journeys.signUp(adminPage, "admin", true, false);
        fleet.sql("UPDATE users.users SET roles = array_append(roles, 'admin') WHERE username = ?", admin.username());
        Journeys.signIn(adminPage, admin.username());
        if (!"Admin".equals(adminPage.getByTestId("active-role").textContent())) {
            click(adminPage, "Switch to Admin");
        }
        assertThat(adminPage.getByTestId("active-role")).hasText("Admin");
        menu(adminPage, "Moderation console");
        Locator report = adminPage.getByTestId("queue").locator("li[data-kind=report]")
            .filter(new Locator.FilterOptions().setHasText("Rude after the session"));
        report.getByLabel("Reason for your decision").fill("Harassing a mentor");
        com.microsoft.playwright.Response decided = adminPage.waitForResponse(
                response -> response.url().contains("/decision"), () -> click(report, "Uphold"));
        assertThat(decided.status()).isEqualTo(200);

        menu(menteePage, "Safety");
        Locator decisions = menteePage.getByTestId("decisions");
        assertThat(decisions).containsText("harassment");
        Locator decision = decisions.locator("li").filter(new Locator.FilterOptions().setHasText("Harassing a mentor")).first();
        decision.getByLabel("Appeal: why is this wrong?").fill("It was criticism, not harassment.");
        click(decision, "Appeal");
        assertThat(decision.getByRole(AriaRole.STATUS)).containsText("Appeal sent");

        adminPage.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Appeals")).click();
        assertThat(adminPage.getByTestId("appeals")).containsText("It was criticism, not harassment.");
    }

    /** Labelled, keyboard-usable pages: axe-core finds nothing serious or critical on the main ones. */
    @Order(6)
    @Test
    void theMainPagesHaveNoSeriousAccessibilityViolations() throws Exception {
        Path axe = Path.of("..", "web-client", "node_modules", "axe-core", "axe.min.js");
        assumeTrue(Files.exists(axe), "axe-core is installed by the web-client build");
        Page page = mentee.page();
        for (String path : List.of("/", "/mentors", "/sessions", sessionUrl, conversationUrl, "/profile", "/moderation")) {
            page.navigate(path);
            page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            page.addScriptTag(new Page.AddScriptTagOptions().setPath(axe));
            String violations = (String) page.evaluate("async () => JSON.stringify((await axe.run(document, "
                    + "{ resultTypes: ['violations'] })).violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                    + ".map(v => ({ id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3) })))");
            assertThat(violations).as(path).isEqualTo("[]");
        }
        Page anonymous = browsers.open("visitor", Browsers.Screen.PHONE).page();
        for (String path : List.of("/", "/signin", "/signup")) {
            anonymous.navigate(path);
            anonymous.addScriptTag(new Page.AddScriptTagOptions().setPath(axe));
            String violations = (String) anonymous.evaluate("async () => JSON.stringify((await axe.run()).violations"
                    + ".filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id))");
            assertThat(violations).as(path).isEqualTo("[]");
        }
    }
}
