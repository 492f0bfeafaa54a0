package io.nomadx.sovereign;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Output;
import io.nomadx.sovereign.config.ConfigError;
import io.nomadx.sovereign.config.ConfigSource;
import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.config.SettingsParser;
import io.nomadx.sovereign.cost.MonthlyCost;

/**
 * The program `pulumi up` runs: read the stack's config once, validate all of it, then build. A
 * config error stops the program before a single resource is registered.
 */
public final class App {
  private App() {}

  public static void main(String[] args) {
    Pulumi.run(ctx -> stack(ctx, ConfigSource.fromEnvironment(ctx.stackName())));
  }

  public static void stack(Context ctx, ConfigSource config) {
    Settings settings;
    try {
      settings = SettingsParser.parse(config, ctx.projectName());
    } catch (ConfigError e) {
      ctx.log().error(e.getMessage());
      throw e;
    }
    if (settings.network().bootstrapNetworkOnly()) {
      // First-ever deploy, first `up`: the network only (bin/bootstrap, README "Running it for
      // real").
      Foundation.networkOnly(settings).forEach(ctx::export);
      return;
    }
    var foundation = new Foundation(settings);
    var milvus = new MilvusDeployment(settings, foundation);
    foundation.outputs().forEach(ctx::export);
    milvus.outputs().forEach(ctx::export);
    ctx.export("monthlyCost", Output.of(MonthlyCost.output(settings)));
  }
}
