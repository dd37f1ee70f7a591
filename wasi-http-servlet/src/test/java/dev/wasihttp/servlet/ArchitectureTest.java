package dev.wasihttp.servlet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toCollection;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of the product's main code, checked on every build. They live in the
 * servlet module because it is the first whose class path holds both product modules (core and
 * servlet), so one set of rules covers their packages together.
 */
class ArchitectureTest {
  static final String ROOT = "dev.wasihttp";
  static final String ENGINE = ROOT + ".component.internal.engine";
  static final String SERVLET = ROOT + ".servlet";

  static JavaClasses product;

  @BeforeAll
  static void importMainCode() {
    product =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT + ".component", ROOT + ".wasi", ROOT + ".http", ROOT + ".servlet");
  }

  @Test
  void packagesDependOnEachOtherWithoutCycles() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(product);
  }

  @Test
  void onlyTheEnginePackageUsesChicory() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ENGINE)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.dylibso.chicory..")
        .check(product);
  }

  @Test
  void coreKnowsNoServletApi() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".servlet..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("jakarta.servlet..")
        .check(product);
  }

  /**
   * The servlet module's layers: its public package (the servlet, the filter, their options) calls
   * into its internal packages, which know the servlet API and the core but not that package; only
   * the WEB-INF/wasm mount, which nothing calls but the container, registers a {@code
   * WasiHttpServlet} and reads its options. (The cycle rule would catch a call back too; this one
   * says which.)
   */
  @Test
  void servletInternalsDoNotCallBackIntoTheServletPackage() {
    noClasses()
        .that()
        .resideInAPackage(SERVLET + ".internal..")
        .and()
        .resideOutsideOfPackage(SERVLET + ".internal.mount..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(SERVLET)
        .check(product);
  }

  /**
   * The servlet module's internals serve its public package and each other only: the Spring Boot
   * auto-configuration, like an application, is built on the public API.
   */
  @Test
  void onlyTheServletModuleUsesItsInternals() {
    noClasses()
        .that()
        .resideOutsideOfPackages(SERVLET, SERVLET + ".internal..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(SERVLET + ".internal..")
        .check(product);
  }

  @Test
  void apiSignaturesNameNoInternalType() {
    classes()
        .that()
        .resideOutsideOfPackage("..internal..")
        .should(exposeNoInternalType())
        .check(product);
  }

  @Test
  void everyClassNameIsUnique() {
    Map<String, TreeSet<String>> clashes =
        product.stream()
            .filter(JavaClass::isTopLevelClass)
            .filter(c -> !c.getSimpleName().equals("package-info"))
            .collect(
                groupingBy(
                    JavaClass::getSimpleName,
                    TreeMap::new,
                    mapping(JavaClass::getName, toCollection(TreeSet::new))));
    clashes.values().removeIf(names -> names.size() < 2);
    assertEquals(Map.of(), clashes, "top-level class names used more than once");
  }

  /** A class that users can reach mentions no internal type in what they can reach of it. */
  static ArchCondition<JavaClass> exposeNoInternalType() {
    return new ArchCondition<>("mention no type of an internal package in a public signature") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        if (!reachable(c)) {
          return;
        }
        List<String> leaks = new ArrayList<>();
        c.getRawSuperclass().ifPresent(s -> leak(leaks, "extends", s));
        c.getRawInterfaces().forEach(i -> leak(leaks, "implements", i));
        for (JavaMember m : c.getMembers()) {
          if (!visible(c, m)) {
            continue;
          }
          involved(m).forEach(t -> leak(leaks, m.getName(), t));
        }
        for (String leak : leaks) {
          events.add(SimpleConditionEvent.violated(c, c.getName() + ": " + leak));
        }
      }
    };
  }

  /** Public, and every class around it public too. */
  static boolean reachable(JavaClass c) {
    for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
      if (!k.getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  static boolean visible(JavaClass owner, JavaMember m) {
    return m.getModifiers().contains(JavaModifier.PUBLIC)
        || (m.getModifiers().contains(JavaModifier.PROTECTED)
            && !owner.getModifiers().contains(JavaModifier.FINAL));
  }

  /** Every raw type a member's signature names, type arguments included. */
  static Stream<JavaClass> involved(JavaMember m) {
    List<JavaType> types = new ArrayList<>();
    if (m instanceof JavaField f) {
      types.add(f.getType());
    } else if (m instanceof JavaCodeUnit u) {
      types.add(u.getReturnType());
      types.addAll(u.getParameterTypes());
      u.getThrowsClause().forEach(t -> types.add(t.getRawType()));
    }
    return types.stream().flatMap(t -> t.getAllInvolvedRawTypes().stream());
  }

  static void leak(List<String> leaks, String where, JavaClass type) {
    if (type.getPackageName().contains(".internal")) {
      leaks.add(where + " names " + type.getName());
    }
  }
}
