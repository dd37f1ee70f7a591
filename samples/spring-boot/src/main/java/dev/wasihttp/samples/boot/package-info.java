/** A Spring Boot application serving wasi:http components through the auto-configuration. */
package dev.wasihttp.samples.boot;
