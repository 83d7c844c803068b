package org.backbeat.dashboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.backbeat.core.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {

    private static final String SECRET = "correct-horse-battery-staple";

    @Test
    void only_the_exact_bearer_token_is_accepted() {
        AdminToken token = AdminToken.of(SECRET);

        assertThat(token.accepts("Bearer " + SECRET)).isTrue();
        assertThat(token.accepts("bearer " + SECRET)).isTrue();
        assertThat(token.accepts("Bearer " + SECRET + "x")).isFalse();
        assertThat(token.accepts("Bearer " + SECRET.substring(1))).isFalse();
        assertThat(token.accepts(SECRET)).isFalse();
        assertThat(token.accepts("Basic " + SECRET)).isFalse();
        assertThat(token.accepts(null)).isFalse();
    }

    @Test
    void no_token_configured_accepts_nothing_and_says_how_to_set_one() {
        AdminToken none = AdminToken.from(Settings.of(Map.of()));

        assertThat(none.isConfigured()).isFalse();
        assertThat(none.accepts("Bearer ")).isFalse();
        assertThat(AdminToken.HOW_TO_SET).contains("BACKBEAT_ADMIN_TOKEN").contains("BACKBEAT_ADMIN_TOKEN_FILE");
    }

    @Test
    void the_token_comes_from_the_setting_or_a_file_and_is_never_printed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, SECRET + "\n");

        AdminToken direct = AdminToken.from(Settings.of(Map.of(AdminToken.KEY, SECRET)));
        AdminToken fromFile = AdminToken.from(Settings.of(Map.of(AdminToken.FILE_KEY, file.toString())));

        assertThat(direct.accepts("Bearer " + SECRET)).isTrue();
        assertThat(fromFile.accepts("Bearer " + SECRET)).isTrue();
        assertThat(direct.toString()).isEqualTo("AdminToken[set]").doesNotContain(SECRET);
    }

    @Test
    void a_short_token_is_refused_at_start_up() {
        assertThatThrownBy(() -> AdminToken.of("short"))
                .hasMessage("the admin token (BACKBEAT_ADMIN_TOKEN) must be at least 16 characters");
    }
}
