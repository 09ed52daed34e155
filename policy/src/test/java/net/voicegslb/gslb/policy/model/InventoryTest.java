package net.voicegslb.gslb.policy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import net.voicegslb.gslb.policy.quality.Codec;
import net.voicegslb.gslb.policy.support.Fixtures;
import org.junit.jupiter.api.Test;

class InventoryTest {

    @Test
    void reportsEveryDanglingReferenceAtOnce() {
        Site fra = new Site("fra", "eu", AdminState.ACTIVE, 100);
        Node orphan = Fixtures.node("x-1", "nowhere", "192.0.2.1");
        Service svc = new Service("sip.example.com", Set.of(RecordType.A), List.of("fra", "ams"), 30,
                RankingParameters.defaults());
        Tenant t = new Tenant("acme", List.of("lon"));
        assertThatThrownBy(() -> new Inventory(List.of(fra), List.of(orphan), List.of(svc), List.of(t)))
                .hasMessageContaining("node x-1 refers to unknown site nowhere")
                .hasMessageContaining("pool refers to unknown site ams")
                .hasMessageContaining("tenant acme home refers to unknown site lon");
    }

    @Test
    void serviceLookupIgnoresCaseAndNodesAreGroupedBySite() {
        Inventory inv = Fixtures.world(RankingParameters.defaults(), "fra", "ams");
        assertThat(inv.service("SIP.VOIP.example.COM")).isPresent();
        assertThat(inv.nodesOf("ams")).extracting(Node::id).containsExactly("ams-1", "ams-2");
    }

    @Test
    void rankingParametersReportAllProblems() {
        assertThatThrownBy(() -> new RankingParameters(Codec.OPUS, -1, -5, 0.3, 0.99, 0.9, 0.5, 0.3,
                FailOpenRule.ALL))
                .hasMessageContaining("hysteresisMarginMos")
                .hasMessageContaining("holdMillis")
                .hasMessageContaining("nearFullUtilization");
    }

    @Test
    void serviceRejectsDuplicateOrEmptyPools() {
        assertThatThrownBy(() -> new Service("s", Set.of(), List.of("a", "a"), 30, RankingParameters.defaults()))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new Service("s", Set.of(), List.of(), 30, RankingParameters.defaults()))
                .hasMessageContaining("empty pool");
    }
}
