package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps DESIGN.md's module rules: dependencies point downward only, capabilities reach each other
 * only through the base modules, the test kit never ships, and only the CLI uses picocli.
 */
class LayeringTest {
  /** Base modules and the drydock modules each may use. */
  static final Map<String, Set<String>> BASE =
      Map.of(
          "model", Set.of(),
          "report", Set.of("model"),
          "pki", Set.of("model"),
          "engine", Set.of("model"),
          "pkg", Set.of("model"),
          "oci", Set.of("model", "pki"),
          "testkit", Set.of("model", "engine", "pki", "oci"));

  /**
   * Composition modules join capabilities (the audit runs bench, scanner and trust together); only
   * entry points may use them, and they may use every capability and base module.
   */
  static final Map<String, Set<String>> COMPOSITION =
      Map.of(
          "audit",
          Set.of("model", "report", "pki", "engine", "pkg", "oci", "bench", "scanner", "trust"),
          // The registry's pull gates verify signatures (trust) and scan pushed images (scanner).
          "registry",
          Set.of("model", "report", "pki", "engine", "pkg", "oci", "scanner", "trust"));

  /** Entry points may use every module but the test kit. */
  static final Set<String> ENTRY_POINTS = Set.of("cli", "console");

  private static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    production =
        new ClassFileImporter()
            // Test classes under any build folder (-Ddrydock.target=target-x builds into
            // target-x/test-classes, which ArchUnit's DO_NOT_INCLUDE_TESTS does not recognise).
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("dev.drydock");
  }

  static ArchRule dependenciesPointDown() {
    return ArchRuleDefinition.classes()
        .that()
        .resideInAPackage("dev.drydock..")
        .should(onlyUseAllowedModules())
        .because("DESIGN.md: dependencies point downward only");
  }

  static ArchRule noModuleCycles() {
    return SlicesRuleDefinition.slices().matching("dev.drydock.(*)..").should().beFreeOfCycles();
  }

  static ArchRule onlyCliUsesPicocli() {
    return ArchRuleDefinition.noClasses()
        .that()
        .resideOutsideOfPackage("dev.drydock.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .because("only the CLI parses command lines and prints");
  }

  @Test
  void productionCode_keepsTheModuleRules() {
    assertThat(production.size()).as("imported drydock classes").isGreaterThan(20);
    dependenciesPointDown().check(production);
    noModuleCycles().check(production);
    onlyCliUsesPicocli().check(production);
  }

  @Test
  void plantedViolation_isCaught() {
    // A test-only class in dev.drydock.model that reaches up into dev.drydock.report.
    JavaClasses planted =
        new ClassFileImporter().importClasses(dev.drydock.model.PlantedUpwardDependency.class);
    assertThat(dependenciesPointDown().evaluate(planted).hasViolation()).isTrue();
  }

  static String moduleOf(JavaClass c) {
    String rest = c.getPackageName().substring("dev.drydock.".length());
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  static Optional<Set<String>> allowed(String module) {
    if (ENTRY_POINTS.contains(module)) {
      return Optional.empty();
    }
    Set<String> base = BASE.get(module);
    if (base != null) {
      return Optional.of(base);
    }
    Set<String> composition = COMPOSITION.get(module);
    if (composition != null) {
      return Optional.of(composition);
    }
    // A capability (bench, scanner, trust, ...) may use the base modules, never another capability.
    return Optional.of(Set.of("model", "report", "pki", "engine", "pkg", "oci"));
  }

  private static ArchCondition<JavaClass> onlyUseAllowedModules() {
    return new ArchCondition<>("only depend on drydock modules below them") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String module = moduleOf(item);
        Optional<Set<String>> allowed = allowed(module);
        for (Dependency d : item.getDirectDependenciesFromSelf()) {
          JavaClass target = d.getTargetClass();
          if (!isDrydock.test(target)) {
            continue;
          }
          String other = moduleOf(target);
          boolean ok =
              other.equals(module)
                  || (allowed.isEmpty() && !other.equals("testkit"))
                  || allowed.map(s -> s.contains(other)).orElse(false);
          if (!ok) {
            events.add(
                SimpleConditionEvent.violated(
                    d, module + " must not depend on " + other + ": " + d.getDescription()));
          }
        }
      }
    };
  }

  private static final DescribedPredicate<JavaClass> isDrydock =
      DescribedPredicate.describe(
          "drydock class", c -> c.getPackageName().startsWith("dev.drydock."));
}
