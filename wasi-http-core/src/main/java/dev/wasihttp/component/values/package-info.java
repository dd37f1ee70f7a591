/** Component-model values ({@link dev.wasihttp.component.values.Val}), one record per WIT type. */
package dev.wasihttp.component.values;
