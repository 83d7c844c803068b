package org.backbeat.ingest.lang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinguaLanguageDetectorTest {

    private static final LinguaLanguageDetector DETECTOR = LinguaLanguageDetector.standard();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Amazon launched Cloud Drive and Cloud Player without licences from the major record labels.
            en | @united your customer service is the worst, I have been on hold for two hours http://t.co/abc123
            de | Die Plattenfirmen prüfen rechtliche Schritte gegen den neuen Musikdienst von Amazon.
            fr | Les maisons de disques envisagent de poursuivre Amazon pour son nouveau service de musique.
            es | Las discográficas estudian demandar a Amazon por su nuevo servicio de música en la nube.
            pt | As gravadoras estudam processar a Amazon pelo seu novo serviço de música na nuvem.
            it | Le case discografiche valutano di fare causa ad Amazon per il suo nuovo servizio musicale.
            nl | De platenmaatschappijen overwegen juridische stappen tegen de nieuwe muziekdienst van Amazon.
            sv | Skivbolagen överväger att stämma Amazon för den nya musiktjänsten i molnet.
            ja | アマゾンは音楽レーベルの許可なしにクラウドプレーヤーを開始しました。
            ru | Звукозаписывающие компании рассматривают иск против нового музыкального сервиса Amazon.
            """)
    void detects_the_language_of_real_sentences(String expected, String text) {
        // when
        String detected = DETECTOR.detect(text);

        // then
        assertThat(detected).isEqualTo(expected);
    }

    @Test
    void emoji_only_text_is_unknown() {
        assertThat(DETECTOR.detect("😍🔥🔥🎶🎧 👏👏")).isNull();
    }

    @Test
    void url_only_text_is_unknown() {
        assertThat(DETECTOR.detect("https://www.musicbusinessworldwide.com/universal-music-group-q3-results/")).isNull();
    }

    @Test
    void very_short_text_is_unknown() {
        assertThat(DETECTOR.detect("lol ok!!")).isNull();
        assertThat(DETECTOR.detect(null)).isNull();
    }

    @Test
    void mentions_and_hashtag_signs_are_not_counted_as_language() {
        // given a tweet that is mostly handles, with a short English remainder
        String tweet = "@VirginAmerica @dhepburn @jnardino #SXSW";

        // then the handles do not make it a language
        assertThat(DETECTOR.detect(tweet)).isNull();
        assertThat(LinguaLanguageDetector.clean("@VirginAmerica loved the #SXSW show! 10/10 http://t.co/x"))
                .isEqualTo("loved the SXSW show");
    }
}
