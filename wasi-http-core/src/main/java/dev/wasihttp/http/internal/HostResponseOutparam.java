package dev.wasihttp.http.internal;

/**
 * The host state behind {@code wasi:http/types.response-outparam}: the one place the guest's
 * response goes. {@code set} consumes the handle, so it happens at most once.
 */
public final class HostResponseOutparam {}
