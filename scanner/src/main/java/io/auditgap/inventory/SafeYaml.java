package io.auditgap.inventory;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Turns YAML text into a SnakeYAML {@link Node} tree without constructing any Java object from it.
 *
 * <p>Two passes over the same text: the event stream is vetted first (explicit tags, aliases,
 * nesting) so that every refusal carries a position — SnakeYAML's own alias and nesting limits
 * throw without one — and then {@code compose()} builds the node tree. Duplicate keys are not
 * detected by {@code compose()}; the loader checks them while walking the tree.
 */
public final class SafeYaml {
  private SafeYaml() {}

  static final int MAX_CODE_POINTS = 4 * 1024 * 1024;
  static final int MAX_COLLECTION_ALIASES = 10;
  static final int MAX_DEPTH = 16;

  public static Node compose(String text, String label) throws InventoryException {
    if (text.length() > MAX_CODE_POINTS
        && text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
      throw new InventoryException(
          new Location(label, 1, 1),
          "the inventory is larger than 4 MiB; split it into several files");
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_DEPTH + 2);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setMergeOnCompose(false);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    try {
      vet(yaml.parse(new StringReader(text)), label);
      return yaml.compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
      if (problem.contains("another document")) {
        throw new InventoryException(
            location(label, mark),
            "a second YAML document starts here; an inventory is one document, remove the ---"
                + " separator and merge the hosts into one hosts: section");
      }
      if (e.getContext() != null) {
        problem = e.getContext() + ": " + problem;
      }
      throw new InventoryException(
          location(label, mark),
          "YAML syntax error: "
              + oneLine(problem)
              + "; check the indentation (spaces only) and quoting here");
    } catch (YAMLException e) {
      throw new InventoryException(
          new Location(label, 1, 1),
          "YAML error: " + oneLine(String.valueOf(e.getMessage())) + "; fix the YAML");
    }
  }

  private static void vet(Iterable<Event> events, String label) throws InventoryException {
    Map<String, Boolean> anchorIsCollection = new HashMap<>();
    List<String> open = new ArrayList<>(); // anchors (or null) of the collections being read
    int collectionAliases = 0;
    for (Event event : events) {
      if (event instanceof CollectionStartEvent) {
        CollectionStartEvent start = (CollectionStartEvent) event;
        checkTag(start.getTag(), event, label);
        if (open.size() >= MAX_DEPTH) {
          throw new InventoryException(
              location(label, event.getStartMark()),
              "nesting is deeper than " + MAX_DEPTH + " levels; flatten this value");
        }
        open.add(start.getAnchor());
        if (start.getAnchor() != null) {
          anchorIsCollection.put(start.getAnchor(), true);
        }
      } else if (event instanceof CollectionEndEvent) {
        open.remove(open.size() - 1);
      } else if (event instanceof ScalarEvent) {
        ScalarEvent scalar = (ScalarEvent) event;
        checkTag(scalar.getTag(), event, label);
        if (scalar.getAnchor() != null) {
          anchorIsCollection.put(scalar.getAnchor(), false);
        }
      } else if (event instanceof AliasEvent) {
        String anchor = ((AliasEvent) event).getAnchor();
        if (open.contains(anchor)) {
          throw new InventoryException(
              location(label, event.getStartMark()),
              "alias *" + anchor + " refers to a value that contains it; remove the recursion");
        }
        Boolean collection = anchorIsCollection.get(anchor);
        if (collection == null) {
          throw new InventoryException(
              location(label, event.getStartMark()),
              "alias *" + anchor + " has no anchor &" + anchor + " before it; define it first");
        }
        if (collection && ++collectionAliases > MAX_COLLECTION_ALIASES) {
          throw new InventoryException(
              location(label, event.getStartMark()),
              "more than "
                  + MAX_COLLECTION_ALIASES
                  + " aliases to lists or mappings (an alias bomb?); write the values out or"
                  + " share them through defaults and groups");
        }
      }
    }
  }

  private static void checkTag(String tag, Event event, String label) throws InventoryException {
    if (tag == null || tag.equals("!")) {
      return;
    }
    String shown =
        tag.startsWith("tag:yaml.org,2002:")
            ? "!!" + tag.substring("tag:yaml.org,2002:".length())
            : tag;
    throw new InventoryException(
        location(label, event.getStartMark()),
        "YAML tags are not allowed in the inventory (found "
            + oneLine(shown)
            + "); remove the tag, and quote the value if it is meant as text");
  }

  public static Location location(String label, Mark mark) {
    return mark == null
        ? new Location(label, 1, 1)
        : new Location(label, mark.getLine() + 1, mark.getColumn() + 1);
  }

  static String oneLine(String s) {
    return s.replaceAll("[\\r\\n\\t]+", " ").strip();
  }
}
