package com.aliasimport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * alias-import: CSV rows -> checked records -> CustomerGauge's Imports API, restartably.
 * <p>
 * The row lifecycle, package by package: {@code csv} reads, {@code mapping} checks, {@code api} sends,
 * {@code report} records what became of each row, {@code run} keeps track of runs and who is running them,
 * {@code job} ties them into a Spring Batch job, {@code cli} is the command line.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AliasImportApplication {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(AliasImportApplication.class, args)));
    }
}
