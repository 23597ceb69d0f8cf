package com.aliasimport.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code alias-import.database.*}.
 *
 * @param outageWait how long a database that stopped answering is waited for before the run stops (resumably)
 */
@ConfigurationProperties("alias-import.database")
public record DatabaseSettings(@DefaultValue("60s") Duration outageWait) {}
