package io.dataexporter.common.aws;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MotoServerTest {

    @Test
    void onPath_whenTheToolIsMissing_failsNamingItAndHowToInstallIt() {
        assertThatThrownBy(() -> MotoServer.onPath("moto_server_not_installed_here"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("moto_server_not_installed_here (moto 5.2.1, the third-party AWS emulator these tests run against) is not on the PATH;"
                        + " install it with: pip install 'moto[server]==5.2.1' (.ci/run does this when it is missing)");
    }
}
