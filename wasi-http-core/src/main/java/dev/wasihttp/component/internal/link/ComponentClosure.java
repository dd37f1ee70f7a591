package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.internal.binary.ComponentAst;

/**
 * A nested component definition and the index spaces it was defined in, which its outer aliases
 * refer to.
 */
record ComponentClosure(ComponentAst ast, IndexSpaces definedIn) {}
