package io.dataexporter.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GraphiqlPageTest {

    @Test
    void servesDevelopmentToken_onlyToALoopbackPeerAskingByALoopbackName() {
        assertThat(GraphiqlPage.servesDevelopmentToken("localhost:8080", "127.0.0.1")).isTrue();
        assertThat(GraphiqlPage.servesDevelopmentToken("[::1]:8080", "[0:0:0:0:0:0:0:1]")).isTrue();
        // serve --host 0.0.0.0: a peer elsewhere that sends Host: localhost gets no token
        assertThat(GraphiqlPage.servesDevelopmentToken("localhost:8080", "192.0.2.10")).isFalse();
        assertThat(GraphiqlPage.servesDevelopmentToken("localhost", "127.0.0.1.example.com")).isFalse();
        // DNS rebinding: a loopback peer asking through a public name gets none either
        assertThat(GraphiqlPage.servesDevelopmentToken("attacker.example.com:8080", "127.0.0.1")).isFalse();
        assertThat(GraphiqlPage.servesDevelopmentToken(null, "127.0.0.1")).isFalse();
        assertThat(GraphiqlPage.servesDevelopmentToken("localhost", null)).isFalse();
    }
}
