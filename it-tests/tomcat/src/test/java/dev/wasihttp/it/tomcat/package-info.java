/** The end-to-end scenarios on embedded Tomcat 11: the fixture and one test per list. */
package dev.wasihttp.it.tomcat;
