package com.linkwithmentor.moderation.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TextNormalizerTests {

    private final TextNormalizer normalizer = new TextNormalizer(
            Map.of((int) 'а', "a", (int) 'с', "c", (int) 'ο', "o", (int) 'ß', "ss"),
            Map.of('0', 'o', '1', 'i', '3', 'e', '4', 'a', '5', 's', '@', 'a', '$', 's', '!', 'i'));

    @Test
    void foldingSeesThroughCaseWidthAccentsLookAlikesAndInvisibleCharacters() {
        assertThat(fold("ＦＵＣＫ")).isEqualTo("fuck");
        assertThat(fold("𝐟𝐮𝐜𝐤 ⓕⓤⓒⓚ")).isEqualTo("fuck fuck");
        assertThat(fold("fück fúck")).isEqualTo("fuck fuck");
        assertThat(fold("fuсk")).isEqualTo("fuck");
        assertThat(fold("f\u200Bu\u200Dc\u00ADk\uFEFF")).isEqualTo("fuck");
        assertThat(fold("Straße")).isEqualTo("strasse");
        assertThat(fold("९८७६ ９８７６")).isEqualTo("9876 9876");
        assertThat(fold("9\uFE0F\u20E38\uFE0F\u20E3")).isEqualTo("98");
        assertThat(fold("🇫🇺")).isEqualTo("fu");
        assertThat(fold("nice 😀 work")).isEqualTo("nice   work");
    }

    @Test
    void otherScriptsKeepTheirMarks() {
        assertThat(fold("नमस्ते")).isEqualTo("नमस्ते");
    }

    @Test
    void foldedCharactersRememberWhereTheyCameFrom() {
        String text = "a😀ﬁ\u200Bb";
        FoldedText folded = normalizer.fold(text);

        assertThat(folded.toString()).isEqualTo("a fib");
        assertThat(span(text, folded, 1)).isEqualTo("😀");
        assertThat(span(text, folded, 2)).isEqualTo("ﬁ");
        assertThat(span(text, folded, 3)).isEqualTo("ﬁ");
        assertThat(span(text, folded, 4)).isEqualTo("b");
    }

    @Test
    void wordsDecodeLeetspeakOnlyWhereLettersDominate() {
        assertThat(words("sh1t b00bs a$$ @ss sh!t")).isEqualTo("shit boobs ass ass shit");
        assertThat(words("Samsung A55 and 2024 and h264")).isEqualTo("samsung a55 and 2024 and h264");
        assertThat(words("hello! wow!!")).isEqualTo("hello wow");
    }

    @Test
    void wordsJoinSpacedLettersAndPunctuationInsideWords() {
        assertThat(words("f u c k you")).isEqualTo("fuck you");
        assertThat(words("f.u.c.k / s-h-i-t / f*ck")).isEqualTo("fuck shit fck");
        assertThat(words("I'll do it, I am a b")).isEqualTo("ill do it i am a b");
    }

    @Test
    void repeatedCharactersCollapseButRememberTheirRuns() {
        WordsView view = normalizer.words(normalizer.fold("fuuuuck  boobs"));

        assertThat(new String(view.collapsed(), 0, view.length())).isEqualTo("fuck bobs");
        assertThat(view.runAt(1)).isEqualTo(4);
        assertThat(view.runAt(6)).isEqualTo(2);
        assertThat(view.expanded()).isEqualTo("fuuuuck boobs");
    }

    @Test
    void lookalikeMessagesShareAFingerprint() {
        assertThat(normalizer.words(normalizer.fold("Buy my COURSE now!!!")).fingerprint())
            .isEqualTo(normalizer.words(normalizer.fold("buy   my course nooooow")).fingerprint())
            .isNotEqualTo(normalizer.words(normalizer.fold("buy my book now")).fingerprint());
    }

    private String fold(String text) {
        return normalizer.fold(text).toString();
    }

    private String words(String text) {
        return normalizer.words(normalizer.fold(text)).expanded();
    }

    private static String span(String text, FoldedText folded, int index) {
        return text.substring(folded.originalStart(index), folded.originalEnd(index));
    }
}
