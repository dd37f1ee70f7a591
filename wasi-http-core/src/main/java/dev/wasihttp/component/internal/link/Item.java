package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.internal.engine.CoreModule;

/**
 * Something a component instance can import or export, at run time: a function, an instance, a
 * type, a component (not yet instantiated) or a core module.
 */
public sealed interface Item {
  /** The sort's name for messages. */
  String sortName();

  /** A component function. */
  record Func(ComponentFunc func) implements Item {
    @Override
    public String sortName() {
      return "func";
    }
  }

  /** A component instance. */
  record Instance(InstanceExports instance) implements Item {
    @Override
    public String sortName() {
      return "instance";
    }
  }

  /** A type: a value type, function type, resource type or instance/component type. */
  record Type(Object type) implements Item {
    @Override
    public String sortName() {
      return "type";
    }
  }

  /** A component definition together with the scope it was defined in. */
  record Component(ComponentClosure component) implements Item {
    @Override
    public String sortName() {
      return "component";
    }
  }

  /** A core module. */
  record CoreModuleItem(CoreModule module) implements Item {
    @Override
    public String sortName() {
      return "core module";
    }
  }
}
