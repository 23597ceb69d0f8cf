package com.aliasimport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AliasImportApplication {
    public static void main(String[] args) {
        SpringApplication.run(AliasImportApplication.class, args);
    }
}
