/**
 * How the HTTP clients reach CustomerGauge: which certificate authorities are trusted (the JDK's, plus a private
 * CA from a Spring Boot SSL bundle: {@link com.aliasimport.net.CompositeTrustManager}) and which proxy a request
 * goes through ({@link com.aliasimport.net.EnvironmentProxies}: the JVM's proxy properties, else
 * {@code HTTPS_PROXY}/{@code NO_PROXY}). {@link com.aliasimport.net.HttpNetwork} builds Apache HttpClient 5 clients
 * with both, for the token request and the records alike.
 */
package com.aliasimport.net;
