package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.internal.binary.DefType;

/**
 * An instance or component type, kept as its declarations plus the index spaces it was written in:
 * its exports' types are evaluated only when something is imported against it.
 */
record TypeClosure(DefType definition, IndexSpaces scope) {}
