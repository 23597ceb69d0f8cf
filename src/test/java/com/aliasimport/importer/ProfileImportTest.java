package com.aliasimport.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.support.Cli;
import com.aliasimport.support.SandboxImportTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Another data type of the Imports API through a profile: its own fields, checked and sent, sandbox included. */
@TestPropertySource(
        properties = {
            "alias-import.profiles.contact.fields=Email,First Name,Last Name,Company",
            "alias-import.profiles.contact.required=Email",
            "alias-import.profiles.contact.max-length=255"
        })
class ProfileImportTest extends SandboxImportTest {

    @Test
    void aContactProfileImportsContactsIntoTheSandbox() throws Exception {
        Path file = csv(
                "contacts.csv",
                "Email,First Name,Last Name,Company",
                "ann@example.com,Ann,Lee,ACME",
                "bo@example.com,Bo,,",
                ",Cy,Hale,Hale & Co");
        Cli.Result r = cli.run("import", "--sandbox", "--profile", "contact", file.toString());

        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        assertThat(r.out())
                .contains("3 rows read, 2 sent: 2 accepted, 0 rejected")
                .contains("1 invalid");

        Path report = home.resolve("contacts-report.csv");
        Cli.Result written = cli.run("report", "--format", "csv", "--output", report.toString());
        assertThat(written.exitCode()).as(written.all()).isZero();
        assertThat(Files.readAllLines(report).get(0))
                .as("the report's columns are the profile's")
                .startsWith("\uFEFFEmail,First Name,Last Name,Company,_line");
    }

    @Test
    void theDefaultProfileStillImportsAliasesAndRefusesContactColumns() throws Exception {
        Path contacts = csv("contacts-default.csv", "Email,First Name", "ann@example.com,Ann");
        Cli.Result r = cli.run("import", "--sandbox", contacts.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Email");
    }

    @Test
    void anUnknownProfileIsAConfigurationErrorNamingTheProfiles() throws Exception {
        Path file = csv("contacts-unknown.csv", "Email", "ann@example.com");
        Cli.Result r = cli.run("import", "--sandbox", "--profile", "account", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElseThrow())
                .contains("no profile \"account\"")
                .contains("account-alias, contact");
    }
}
