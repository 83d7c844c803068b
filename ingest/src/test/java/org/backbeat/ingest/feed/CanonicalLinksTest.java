package org.backbeat.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalLinksTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://www.billboard.com/pro/umg-q3/?utm_source=rss&utm_medium=feed&utm_campaign=pro | https://www.billboard.com/pro/umg-q3/
            HTTPS://WWW.Example.COM:443/a/b?id=7&fbclid=IwAR0abc&gclid=xyz#comments | https://www.example.com/a/b?id=7
            http://example.com | http://example.com/
            http://example.com:8080/x?mc_cid=1&mc_eid=2&page=2 | http://example.com:8080/x?page=2
            https://medium.com/@emarley/ui-automation-c44a41af38d1?source=rss-b4981c59ffa5------2 | https://medium.com/@emarley/ui-automation-c44a41af38d1
            https://www.medscape.com/viewarticle/x?src=rss | https://www.medscape.com/viewarticle/x
            https://example.com/search?q=spotify&source=web | https://example.com/search?q=spotify&source=web
            https://www.google.com/url?rct=j&sa=t&url=https://musically.com/2011/03/29/amazon/&ct=ga | https://musically.com/2011/03/29/amazon/
            """)
    void tracking_parameters_fragments_and_redirects_are_removed_and_the_rest_kept(String link, String canonical) {
        assertThat(CanonicalLinks.canonical(link, null)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /nieuws/item~8805 | https://www.fcutrecht.net/nieuws/item~8805
            ../archives/2014/down_time/ | https://www.fcutrecht.net/archives/2014/down_time/
            """)
    void relative_links_resolve_against_the_feeds_page(String link, String canonical) {
        assertThat(CanonicalLinks.canonical(link, "https://www.fcutrecht.net/rss/")).isEqualTo(canonical);
    }
}
