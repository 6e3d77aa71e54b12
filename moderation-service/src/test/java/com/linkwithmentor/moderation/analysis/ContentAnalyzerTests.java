package com.linkwithmentor.moderation.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.moderation.TestPolicies;
import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Decision;
import com.linkwithmentor.moderation.policy.Finding;
import com.linkwithmentor.moderation.policy.Policy;
import com.linkwithmentor.moderation.policy.Severity;

/** The bundled policy applied to text, without Spring: decisions, categories and offsets. */
class ContentAnalyzerTests {

    private final Policy policy = TestPolicies.bundled();

    private final ContentAnalyzer analyzer = new ContentAnalyzer();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            fuck this                         | profanity
            fuuuuuuck this                    | profanity
            F U C K this                      | profanity
            f.u.c.k this                      | profanity
            f*ck this                         | profanity
            sh1t                              | profanity
            ＳＨＩＴ                            | profanity
            ѕһіt                              | profanity
            ƒuck this                         | profanity
            ꜰᴜᴄᴋ this                         | profanity
            sh\u200Bit                        | profanity
            𝐬𝐡𝐢𝐭                              | profanity
            madarchod                         | profanity
            bhennnchoddd                      | profanity
            you are an idiot                  | harassment
            u r a loser                       | harassment
            chup kar bewakoof                 | harassment
            k y s                             | harassment
            n1gger                            | hate
            go back to your country           | hate
            s3nd nud3s                        | sexual
            i want to kill myself             | self_harm
            jeena nahi chahta                 | self_harm
            earn 5000 per day from home       | spam
            my number is 98765 43210          | personal_data
            email me: a.b@example.org         | personal_data
            pay me on gpay                    | off_platform_solicitation
            gpay kar do                       | off_platform_solicitation
            wh@tsapp me                       | off_platform_solicitation
            """)
    void seesThroughDisguises(String text, String category) {
        Verdict verdict = analyzer.analyze(policy, unescape(text));

        assertThat(verdict.decision()).as(text).isNotEqualTo(Decision.ALLOW);
        assertThat(verdict.categories()).as(text).contains(Category.fromWire(category));
    }

    @ParameterizedTest
    @ValueSource(strings = { "I live in Scunthorpe", "The assassin's classic pass", "My therapist in Essex",
            "cocktail at the Dickens museum", "magna cum laude", "shiitake risotto", "analysis of cumulative grapes",
            "the Samsung A55 camera", "kill -9 the process", "Don't kill yourself over it", "I'm such an idiot",
            "How do I pay via UPI on this app?", "I use WhatsApp with family", "niggling doubts",
            "It is 5 kms away", "Our office is in BKC", "the ISBN is 978-3-16-148410-0",
            "Mera kutta bimar hai", "Chhod do ye approach" })
    void leavesInnocentTextAlone(String text) {
        Verdict verdict = analyzer.analyze(policy, text);

        assertThat(verdict.decision()).as(text).isEqualTo(Decision.ALLOW);
        assertThat(verdict.severity()).isEqualTo(Severity.NONE);
        assertThat(verdict.findings()).isEmpty();
    }

    @Test
    void offsetsAreUtf16IndexesIntoTheOriginalText() {
        String text = "😀😀 héllo ｆｕｃｋ and s h i t";
        Verdict verdict = analyzer.analyze(policy, text);

        assertThat(verdict.findings()).extracting(finding -> text.substring(finding.start(), finding.end()))
            .containsExactly("ｆｕｃｋ", "s h i t");
    }

    @Test
    void overlappingMatchesOfOneCategoryAreOneSpan() {
        String text = "I want to kill myself";
        List<Finding> findings = analyzer.analyze(policy, text).findings();

        assertThat(findings).hasSize(1);
        assertThat(text.substring(findings.get(0).start(), findings.get(0).end())).isEqualTo(text);
    }

    @Test
    void contactDetailsNextToAnInvitationOffThePlatformAreBlocked() {
        Verdict alone = analyzer.analyze(policy, "my number is 9876543210");
        Verdict withInvitation = analyzer.analyze(policy, "call me, my number is 9876543210");

        assertThat(alone.decision()).isEqualTo(Decision.FLAG);
        assertThat(alone.categories()).containsExactly(Category.PERSONAL_DATA);
        assertThat(withInvitation.decision()).isEqualTo(Decision.BLOCK);
        assertThat(withInvitation.categories()).contains(Category.OFF_PLATFORM_SOLICITATION);
    }

    @Test
    void countsEscalate() {
        assertThat(analyzer.analyze(policy, "see docs.example.com and kotlinlang.org").decision()).isEqualTo(Decision.ALLOW);
        assertThat(analyzer.analyze(policy, "aa.com bb.com cc.com dd.com ee.com").categories()).containsExactly(Category.SPAM);
        assertThat(analyzer.analyze(policy, "shit").severity()).isEqualTo(Severity.MEDIUM);
        Verdict stream = analyzer.analyze(policy, "shit shit fuck it");
        assertThat(stream.severity()).isEqualTo(Severity.HIGH);
        assertThat(stream.decision()).isEqualTo(Decision.BLOCK);
    }

    @Test
    void phoneNumbersSpelledOutOrDisguisedAreStillPhoneNumbers() {
        for (String text : List.of("nine eight seven six five four three two one zero", "nau aath saat chhe paanch char teen do ek shunya",
                "9 8 7 6 5 4 3 2 1 0", "98765\u200B43210", "９８７６５４３２１０", "+91-98765-43210")) {
            assertThat(analyzer.analyze(policy, text).categories()).as(text).contains(Category.PERSONAL_DATA);
        }
        assertThat(analyzer.analyze(policy, "one two three four five").decision()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void strikesAndPriorityFollowThePolicy() {
        Verdict threat = analyzer.analyze(policy, "i will kill you");
        Verdict selfHarm = analyzer.analyze(policy, "i want to die");

        assertThat(threat.strikes()).isEqualTo(3);
        assertThat(selfHarm.decision()).isEqualTo(Decision.FLAG);
        assertThat(selfHarm.strikes()).isZero();
        assertThat(selfHarm.priority()).isGreaterThan(threat.priority());
        assertThat(threat.policyVersion()).isEqualTo(policy.version());
    }

    @Test
    void behaviourFindingsJoinTheVerdictWithoutOffsets() {
        ContentAnalyzer.Scan scan = analyzer.scan(policy, "hello there");
        Verdict verdict = analyzer.judge(scan, List.of(Finding.behaviour(Category.SPAM, Severity.HIGH, "repeated_content")),
                false);

        assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
        assertThat(verdict.categories()).containsExactly(Category.SPAM);
        assertThat(verdict.findings()).isEmpty();
    }

    private static String unescape(String text) {
        return text.replace("\\u200B", "\u200B");
    }
}
