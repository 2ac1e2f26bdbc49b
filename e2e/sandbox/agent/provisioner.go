package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	storagelisters "k8s.io/client-go/listers/storage/v1"
	"k8s.io/client-go/tools/cache"
)

// provisionerName is what a StorageClass names to have this agent create its volumes,
// the way a CSI driver's external-provisioner would: the real PV controller does the
// binding, the agent only creates (and, for reclaimPolicy Delete, removes) the PVs. For a
// class that waits for the first consumer, it waits for the scheduler to pick the node
// (the claim's selected-node annotation) and pins the volume to that node. It also grows
// its volumes when a bound claim asks for more, as an external-resizer would.
const provisionerName = "sandbox.kubedeck.dev/hostpath"

type provisioner struct {
	kube    kubernetes.Interface
	classes storagelisters.StorageClassLister
	root    string
}

func startProvisioner(ctx context.Context, kube kubernetes.Interface, factory informers.SharedInformerFactory, root string) {
	p := &provisioner{kube: kube, classes: factory.Storage().V1().StorageClasses().Lister(), root: root}
	_, _ = factory.Core().V1().PersistentVolumeClaims().Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(o any) { p.claim(ctx, o.(*corev1.PersistentVolumeClaim)) },
		UpdateFunc: func(_, o any) { p.claim(ctx, o.(*corev1.PersistentVolumeClaim)) },
	})
	_, _ = factory.Core().V1().PersistentVolumes().Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(o any) { p.volume(ctx, o.(*corev1.PersistentVolume)) },
		UpdateFunc: func(_, o any) { p.volume(ctx, o.(*corev1.PersistentVolume)) },
	})
}

// selectedNode is where the scheduler put the first pod of a claim whose class waits for it.
const selectedNode = "volume.kubernetes.io/selected-node"

func (p *provisioner) claim(ctx context.Context, c *corev1.PersistentVolumeClaim) {
	p.resize(ctx, c)
	if c.Spec.VolumeName != "" || c.Status.Phase != corev1.ClaimPending || c.DeletionTimestamp != nil || c.Spec.StorageClassName == nil {
		return
	}
	class, err := p.classes.Get(*c.Spec.StorageClassName)
	if err != nil || class.Provisioner != provisionerName {
		return
	}
	size, ok := c.Spec.Resources.Requests[corev1.ResourceStorage]
	if !ok {
		return
	}
	node := c.Annotations[selectedNode]
	waits := class.VolumeBindingMode != nil && *class.VolumeBindingMode == storagev1.VolumeBindingWaitForFirstConsumer
	if waits && node == "" {
		return
	}
	name := "pvc-" + string(c.UID)
	dir := filepath.Join(p.root, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(os.Stderr, "kubedeck-sandbox-agent: volume for %s/%s: %v\n", c.Namespace, c.Name, err)
		return
	}
	reclaim := corev1.PersistentVolumeReclaimDelete
	if class.ReclaimPolicy != nil {
		reclaim = *class.ReclaimPolicy
	}
	hostPathType := corev1.HostPathDirectoryOrCreate
	pv := &corev1.PersistentVolume{
		ObjectMeta: metav1.ObjectMeta{
			Name:        name,
			Annotations: map[string]string{"pv.kubernetes.io/provisioned-by": provisionerName},
		},
		Spec: corev1.PersistentVolumeSpec{
			Capacity:                      corev1.ResourceList{corev1.ResourceStorage: size},
			AccessModes:                   c.Spec.AccessModes,
			PersistentVolumeReclaimPolicy: reclaim,
			StorageClassName:              class.Name,
			VolumeMode:                    c.Spec.VolumeMode,
			MountOptions:                  class.MountOptions,
			ClaimRef: &corev1.ObjectReference{
				Kind: "PersistentVolumeClaim", APIVersion: "v1",
				Namespace: c.Namespace, Name: c.Name, UID: c.UID,
			},
			PersistentVolumeSource: corev1.PersistentVolumeSource{
				HostPath: &corev1.HostPathVolumeSource{Path: dir, Type: &hostPathType},
			},
		},
	}
	if waits {
		// The folder is on the chosen node: only pods there can use it.
		pv.Spec.NodeAffinity = &corev1.VolumeNodeAffinity{Required: &corev1.NodeSelector{NodeSelectorTerms: []corev1.NodeSelectorTerm{{
			MatchExpressions: []corev1.NodeSelectorRequirement{{Key: "kubernetes.io/hostname", Operator: corev1.NodeSelectorOpIn, Values: []string{node}}},
		}}}}
	}
	_, err = p.kube.CoreV1().PersistentVolumes().Create(ctx, pv, metav1.CreateOptions{})
	if err != nil && !apierrors.IsAlreadyExists(err) {
		fmt.Fprintf(os.Stderr, "kubedeck-sandbox-agent: volume for %s/%s: %v\n", c.Namespace, c.Name, err)
	}
}

// resize grows the volume of a bound claim of ours that asks for more than it has, then says
// so in the claim's status, as an external-resizer does for a volume that needs no node-side
// step (the API server has already checked the class allows expansion).
func (p *provisioner) resize(ctx context.Context, c *corev1.PersistentVolumeClaim) {
	want, ok := c.Spec.Resources.Requests[corev1.ResourceStorage]
	has, known := c.Status.Capacity[corev1.ResourceStorage]
	if !ok || !known || c.Status.Phase != corev1.ClaimBound || c.Spec.VolumeName == "" || want.Cmp(has) <= 0 {
		return
	}
	pv, err := p.kube.CoreV1().PersistentVolumes().Get(ctx, c.Spec.VolumeName, metav1.GetOptions{})
	if err != nil || pv.Annotations["pv.kubernetes.io/provisioned-by"] != provisionerName {
		return
	}
	if current := pv.Spec.Capacity[corev1.ResourceStorage]; current.Cmp(want) < 0 {
		pv.Spec.Capacity[corev1.ResourceStorage] = want
		if _, err := p.kube.CoreV1().PersistentVolumes().Update(ctx, pv, metav1.UpdateOptions{}); err != nil {
			fmt.Fprintf(os.Stderr, "kubedeck-sandbox-agent: resize %s: %v\n", pv.Name, err)
			return
		}
	}
	c = c.DeepCopy()
	c.Status.Capacity[corev1.ResourceStorage] = want
	c.Status.AllocatedResources = corev1.ResourceList{corev1.ResourceStorage: want}
	c.Status.AllocatedResourceStatuses = nil
	conditions := c.Status.Conditions[:0]
	for _, cond := range c.Status.Conditions {
		if cond.Type != corev1.PersistentVolumeClaimResizing && cond.Type != corev1.PersistentVolumeClaimFileSystemResizePending {
			conditions = append(conditions, cond)
		}
	}
	c.Status.Conditions = conditions
	if _, err := p.kube.CoreV1().PersistentVolumeClaims(c.Namespace).UpdateStatus(ctx, c, metav1.UpdateOptions{}); err != nil && !apierrors.IsConflict(err) {
		fmt.Fprintf(os.Stderr, "kubedeck-sandbox-agent: resize %s/%s: %v\n", c.Namespace, c.Name, err)
	}
}

// volume removes a volume we provisioned once its claim is gone and its policy says Delete.
func (p *provisioner) volume(ctx context.Context, v *corev1.PersistentVolume) {
	if v.Annotations["pv.kubernetes.io/provisioned-by"] != provisionerName ||
		v.Spec.PersistentVolumeReclaimPolicy != corev1.PersistentVolumeReclaimDelete ||
		v.Status.Phase != corev1.VolumeReleased || v.DeletionTimestamp != nil {
		return
	}
	err := p.kube.CoreV1().PersistentVolumes().Delete(ctx, v.Name, metav1.DeleteOptions{})
	if err == nil || apierrors.IsNotFound(err) {
		if v.Spec.HostPath != nil {
			_ = os.RemoveAll(v.Spec.HostPath.Path)
		}
	}
}
