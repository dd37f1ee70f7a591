/** The end-to-end scenarios on embedded Jetty 12 (ee10): the fixture and one test per list. */
package dev.wasihttp.it.jetty;
