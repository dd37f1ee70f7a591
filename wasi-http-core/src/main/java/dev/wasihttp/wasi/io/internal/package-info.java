/**
 * The {@code wasi:io} host functions: the streams contract ({@code Streams}), blocking without
 * spinning ({@code Poller}) and the table entries behind the handles. Not API.
 */
package dev.wasihttp.wasi.io.internal;
