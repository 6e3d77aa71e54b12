package com.linkwithmentor.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

/**
 * Debian's Chromium driven by Playwright (never downloading a browser of its own), each person in a
 * fresh profile with a fake camera and microphone, at a desktop or a phone's size. A failed test
 * leaves a screenshot of every open page in {@code target/journey-screenshots/}.
 */
final class Browsers implements AutoCloseable, AfterTestExecutionCallback {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    static final List<String> FLAGS = List.of("--no-sandbox", "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream", "--allow-loopback-in-peer-connection", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu",
            "--auto-select-desktop-capture-source=Entire screen");

    enum Screen {
        DESKTOP(1280, 860, false), PHONE(390, 844, true);

        final int width;
        final int height;
        final boolean mobile;

        Screen(int width, int height, boolean mobile) {
            this.width = width;
            this.height = height;
            this.mobile = mobile;
        }
    }

    private Playwright playwright;

    private final List<Person> open = new ArrayList<>();

    private final List<Person> forOneTest = new ArrayList<>();

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM);
    }

    /** A new person at their own browser, on the gateway's home page. */
    Person open(String name, Screen screen) {
        if (playwright == null) {
            // what a person sees may take a while on two cores running the fleet and two browsers in a call
            PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
            playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        }
        try {
            Path profile = Files.createTempDirectory("lwm-e2e-" + name + "-");
            BrowserContext context = playwright.chromium().launchPersistentContext(profile,
                    new BrowserType.LaunchPersistentContextOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(FLAGS)
                        .setViewportSize(screen.width, screen.height)
                        .setIsMobile(screen.mobile)
                        .setHasTouch(screen.mobile)
                        .setPermissions(List.of("camera", "microphone"))
                        .setBaseURL(Fleet.GATEWAY));
            Page page = context.pages().isEmpty() ? context.newPage() : context.pages().get(0);
            page.setDefaultTimeout(20_000);
            Person person = new Person(name, screen, context, page);
            open.add(person);
            return person;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** As {@link #open}, closed when the test that opened it ends (after its screenshots). */
    Person openForThisTest(String name, Screen screen) {
        Person person = open(name, screen);
        forOneTest.add(person);
        return person;
    }

    record Person(String name, Screen screen, BrowserContext context, Page page) {
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            screenshots(context);
        }
        forOneTest.forEach(person -> person.context().close());
        open.removeAll(forOneTest);
        forOneTest.clear();
    }

    private void screenshots(ExtensionContext context) {
        Path dir = Path.of("target", "journey-screenshots");
        try {
            Files.createDirectories(dir);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        String test = (context.getRequiredTestMethod().getName() + "-" + context.getDisplayName()).replaceAll("[^A-Za-z0-9]+", "-");
        for (Person person : open) {
            for (Page page : person.context().pages()) {
                try {
                    page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                        .setPath(dir.resolve(test + "-" + person.name() + "-" + person.context().pages().indexOf(page) + ".png")));
                }
                catch (RuntimeException ignored) {
                    // a crashed page: the other screenshots still help
                }
            }
        }
    }

    /** Closes every browser opened for one test. */
    void closeAll() {
        open.forEach(person -> person.context().close());
        open.clear();
        forOneTest.clear();
    }

    @Override
    public void close() {
        closeAll();
        if (playwright != null) {
            playwright.close();
        }
    }
}
