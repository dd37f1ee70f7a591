/**
 * HTTP exchanges as a container and a handler see them, independent of wasi:http: the seam a
 * container implements ({@link dev.wasihttp.http.HttpExchange}, with {@link
 * dev.wasihttp.http.HttpField} fields), what it calls for each request ({@link
 * dev.wasihttp.http.ExchangeHandler}), the base of a wrapper that changes a few of an exchange's
 * methods ({@link dev.wasihttp.http.HttpExchangeWrapper}), the state machine that decides how every
 * exchange ends ({@link dev.wasihttp.http.GuardedExchange}) and where log lines go ({@link
 * dev.wasihttp.http.LogSink}). The bottom of the http packages: it depends on none of them.
 */
package dev.wasihttp.http;
