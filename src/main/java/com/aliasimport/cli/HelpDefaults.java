package com.aliasimport.cli;

import com.aliasimport.config.AliasImportProperties;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.DefaultValue;
import picocli.CommandLine;

/**
 * The settings' built-in defaults for the commands' help, read from {@link AliasImportProperties}'s
 * {@code @DefaultValue}s (the one place each is written), so a changed default shows without touching the help.
 * Options name them as {@code ${bundle:sending.rate}}: keys are the settings' names under {@code alias-import}.
 */
final class HelpDefaults extends ListResourceBundle {

    private static final List<Class<? extends Record>> SECTIONS = List.of(
            AliasImportProperties.Sending.class, AliasImportProperties.Csv.class, AliasImportProperties.Http.class);

    /** Gives {@code cli} and its subcommands the defaults to show. */
    static CommandLine install(CommandLine cli) {
        return cli.setResourceBundle(new HelpDefaults());
    }

    @Override
    protected Object[][] getContents() {
        List<Object[]> entries = new ArrayList<>();
        for (Class<? extends Record> section : SECTIONS) {
            String prefix = kebab(section.getSimpleName()) + ".";
            // @DefaultValue sits on the canonical constructor's parameters, in the components' order.
            RecordComponent[] components = section.getRecordComponents();
            Parameter[] parameters = canonicalConstructor(section, components).getParameters();
            for (int i = 0; i < components.length; i++) {
                DefaultValue value = parameters[i].getAnnotation(DefaultValue.class);
                if (value != null && value.value().length == 1) {
                    entries.add(new Object[] {prefix + kebab(components[i].getName()), shown(value.value()[0])});
                }
            }
        }
        return entries.toArray(new Object[0][]);
    }

    private static Constructor<?> canonicalConstructor(Class<?> record, RecordComponent[] components) {
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            return record.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record without its canonical constructor: " + record, e);
        }
    }

    /** As a person would type it: "," is shown as a comma, "JSON" as json. */
    private static String shown(String value) {
        return switch (value) {
            case "," -> "a comma";
            case "JSON", "FORM", "POST", "PUT" -> value.toLowerCase(Locale.ROOT);
            default -> value;
        };
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
