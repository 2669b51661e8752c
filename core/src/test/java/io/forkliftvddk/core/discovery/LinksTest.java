package io.forkliftvddk.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinksTest {

    static String fixture(String name) throws IOException {
        try (InputStream in = LinksTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void apacheAutoindexRelativeLinksWithoutSortLinks() throws IOException {
        List<URI> links = Links.extract(fixture("apache-autoindex.html"), URI.create("http://h/vddk/"));
        assertThat(links).extracting(URI::toString).contains(
                "http://h/", "http://h/vddk/VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz",
                "http://h/vddk/VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz.sha256", "http://h/vddk/old/")
                .noneMatch(s -> s.contains("?C="));
    }

    @Test
    void nginxAutoindexUsesTheFullHrefNotTheTruncatedText() throws IOException {
        List<URI> links = Links.extract(fixture("nginx-autoindex.html"), URI.create("http://h/kits/"));
        assertThat(links).extracting(Links::fileName)
                .contains("VMware-vix-disklib-9.0.0.0.24742305.x86_64.tar.gz", "SHA256SUMS");
        assertThat(links).extracting(URI::toString).contains("http://h/");
    }

    @Test
    void nexusAbsoluteLinksAndEntities() throws IOException {
        String html = fixture("nexus-listing.html").replace("${BASE}", "https://nexus.example:8443");
        List<URI> links = Links.extract(html, URI.create("https://nexus.example:8443/service/rest/repository/browse/raw-hosted/vddk/"));
        assertThat(links).extracting(URI::toString).contains(
                "https://nexus.example:8443/repository/raw-hosted/vddk/VMware-vix-disklib-8.0.2-22388865.x86_64.tar.gz",
                "https://nexus.example:8443/repository/raw-hosted/vddk/VMware-vix-disklib-8.0.0-20521017.x86_64.tar.gz?x=1&y=2");
        assertThat(links).extracting(Links::fileName).contains("VMware-vix-disklib-8.0.0-20521017.x86_64.tar.gz");
    }

    @Test
    void percentEncodedNamesBaseHrefAndUnencodedSpaces() {
        String html = "<html><head><BASE HREF='http://other/files/'></head><body>"
                + "<A class=x HREF=sub%20dir/VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz>k</A>"
                + "<a href=\"my kits/a.txt#frag\">x</a><a href=\"javascript:void(0)\">j</a><a href=\"#top\">t</a>"
                + "<a href=\"ftp://x/y\">f</a></body></html>";
        List<URI> links = Links.extract(html, URI.create("http://h/"));
        assertThat(links).extracting(URI::toString).containsExactly(
                "http://other/files/sub%20dir/VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz",
                "http://other/files/my%20kits/a.txt");
        assertThat(Links.fileName(links.get(0))).isEqualTo("VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz");
        assertThat(Links.isDirectory(URI.create("http://h/a/"))).isTrue();
    }
}
